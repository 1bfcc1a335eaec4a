package org.wenming.honor.brand.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.demo.DemoCity;
import org.wenming.demo.DemoScale;
import org.wenming.honor.HonorTestRows;
import org.wenming.honor.Honour;
import org.wenming.shared.CityTime;
import org.wenming.support.WenmingTest;

/**
 * Honours part D's share of the tiny demo city, generated in a transaction that is rolled back: the city's
 * four care measures, six brand projects of the counties with their awards (one national demonstration
 * project, provincial gold awards, city awards, a team's and a centre's), and care grants to the roll
 * entries already there — a health check for a 中国好人.
 */
@WenmingTest
class CareAndBrandsDemoPartTest {

	@Autowired
	DemoCity city;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	long count(String sql) {
		return jdbc.sql("select count(*) from " + sql).query(Long.class).single();
	}

	@Test
	void theTinyCityHasCareMeasuresBrandsAwardsAndGrants() {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		tx.executeWithoutResult(status -> {
			status.setRollbackOnly();
			long nation = HonorTestRows.rollEntry(jdbc, "演示中国好人", "441202001002", Honour.NATION_GOOD, "2026Q2", "GIVEN");
			long projectsBefore = count("honor_brand_project");
			long awardsBefore = count("honor_award");
			city.generate(DemoScale.TINY, 7, LocalDate.now(CityTime.ZONE), true, line -> {
			});
			assertThat(jdbc.sql("select kind from honor_care_measure where region_code = '4412' and created_by = :by order by kind")
				.param("by", org.wenming.demo.DemoScenario.ACTOR)
				.query(String.class).list()).containsExactly("HARDSHIP_AID", "HEALTH_CHECK", "SCENIC", "TRANSIT");
			assertThat(count("honor_brand_project") - projectsBefore).isEqualTo(6);
			assertThat(count("honor_brand_project where name like '%志愿服务大擂台' or name like '%文明实践大讲堂'"
					+ " or name like '%便民集市'")).isGreaterThanOrEqualTo(3);
			assertThat(count("honor_award") - awardsBefore).isEqualTo(9);
			Map<String, Object> levels = jdbc.sql("""
					select count(*) filter (where level = 'NATION' and title = '全国志愿服务示范项目') as nation,
					       count(*) filter (where level = 'PROVINCE' and title = '广东志愿服务金奖') as province,
					       count(*) filter (where team_id is not null) as teams, count(*) filter (where site_id is not null) as sites
					from honor_award where recorded_by = 'demo'""").query().singleRow();
			assertThat(((Number) levels.get("nation")).longValue()).isGreaterThanOrEqualTo(1);
			assertThat(((Number) levels.get("province")).longValue()).isGreaterThanOrEqualTo(2);
			assertThat(((Number) levels.get("teams")).longValue()).isGreaterThanOrEqualTo(1);
			assertThat(((Number) levels.get("sites")).longValue()).isGreaterThanOrEqualTo(1);
			// every project of a team or a site names one of the city's
			assertThat(count("honor_brand_project where created_by = 'demo' and team_id is null and site_id is null")).isZero();
			// the 中国好人 already on the roll: a health check and scenic spots, in the past year
			assertThat(jdbc.sql("""
					select m.kind from honor_care_grant g join honor_care_measure m on m.id = g.measure_id
					where g.roll_entry_id = :e and g.granted_on < current_date order by m.kind""").param("e", nation)
				.query(String.class).list()).containsExactly("HEALTH_CHECK", "SCENIC");
			assertThat(count("honor_care_grant g join honor_care_measure m on m.id = g.measure_id"
					+ " where m.kind = 'HARDSHIP_AID' and (g.amount < 2000 or g.amount > 5000)")).isZero();
		});
	}
}
