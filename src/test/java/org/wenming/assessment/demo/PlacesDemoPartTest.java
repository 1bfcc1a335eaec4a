package org.wenming.assessment.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.assessment.PlaceType;
import org.wenming.demo.DemoCity;
import org.wenming.demo.DemoScale;
import org.wenming.shared.CityTime;
import org.wenming.support.WenmingTest;

/**
 * The demo city's places: every one of the 14 types in every county of Zhaoqing, each in a village of
 * that county with a position near the county's seat, the same seed giving the same registry.
 */
@WenmingTest
class PlacesDemoPartTest {

	@Autowired
	DemoCity city;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	record Generated(List<Map<String, Object>> perCountyAndType, long total, long outside, long unpositioned,
			String digest, long doubled) {
	}

	private Generated generate(long seed) {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		return tx.execute(status -> {
			status.setRollbackOnly();
			city.generate(DemoScale.TINY, seed, LocalDate.now(CityTime.ZONE), true, line -> {
			});
			List<Map<String, Object>> groups = jdbc.sql("""
					select split_part(region_path, '.', 3) as county, place_type, count(*) as n from assessment_place
					where created_by = 'demo' group by 1, 2""").query().listOfRows();
			long total = jdbc.sql("select count(*) from assessment_place where created_by = 'demo'").query(Long.class)
					.single();
			long outside = jdbc.sql("""
					select count(*) from assessment_place p left join region r on r.code = p.region_code
					where p.created_by = 'demo' and (r.level <> 5 or r.path <> p.region_path or r.code is null)""")
					.query(Long.class).single();
			long unpositioned = jdbc.sql("""
					select count(*) from assessment_place where created_by = 'demo' and region_path like '44.4412.%'
					  and (latitude is null or latitude not between 22.5 and 24.5 or longitude not between 111 and 113.5)""")
					.query(Long.class).single();
			String digest = jdbc.sql("""
					select md5(string_agg(place_type || name || region_code || coalesce(latitude::text, ''), ',' order by id))
					from assessment_place where created_by = 'demo'""").query(String.class).single();
			long doubled = jdbc.sql("""
					select count(*) from assessment_place where created_by = 'demo' and name ~ '[0-9]新时代文明实践站$'""")
					.query(Long.class).single();
			return new Generated(groups, total, outside, unpositioned, digest, doubled);
		});
	}

	@Test
	void everyTypeInEveryCountyInItsOwnVillagesAndTheSameSeedTheSamePlaces() {
		Generated first = generate(11);
		List<String> counties = jdbc.sql("select code from region where parent_code = '4412' and level = 3 order by code")
				.query(String.class).list();
		assertThat(counties).hasSize(8);
		for (String county : counties) {
			for (PlaceType type : PlaceType.values()) {
				long n = first.perCountyAndType().stream()
						.filter(r -> county.equals(r.get("county")) && type.name().equals(r.get("place_type")))
						.mapToLong(r -> ((Number) r.get("n")).longValue()).sum();
				assertThat(n).as(county + " " + type).isGreaterThanOrEqualTo(2);
			}
		}
		long expected = 0;
		for (PlaceType type : PlaceType.values()) {
			expected += 8L * PlacesDemoPart.perCounty(type, DemoScale.TINY);
		}
		assertThat(first.total()).isEqualTo(expected);
		assertThat(first.outside()).isZero();
		assertThat(first.unpositioned()).isZero();
		assertThat(first.doubled()).isZero();
		assertThat(generate(11).digest()).isEqualTo(first.digest());
		assertThat(generate(12).digest()).isNotEqualTo(first.digest());
	}

	@Test
	void theFullScaleGivesAboutTwoThousandPlaces() {
		long perCounty = 0;
		for (PlaceType type : PlaceType.values()) {
			assertThat(PlacesDemoPart.perCounty(type, DemoScale.FULL)).isGreaterThanOrEqualTo(3);
			perCounty += PlacesDemoPart.perCounty(type, DemoScale.FULL);
		}
		assertThat(perCounty * 8).isBetween(1_900L, 2_100L);
	}
}
