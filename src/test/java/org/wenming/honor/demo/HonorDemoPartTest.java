package org.wenming.honor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.demo.DemoCity;
import org.wenming.demo.DemoScale;
import org.wenming.honor.HonorFigures;
import org.wenming.honor.Honour;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.support.WenmingTest;

/**
 * The honours of the tiny demo city, generated in a transaction that is rolled back: every honour present,
 * counted on the public view as the dashboard counts them, consent given for every one, nominations at every
 * stage and one notice period open; the full and small scales carry the product brief's figures.
 */
@WenmingTest
class HonorDemoPartTest {

	@Autowired
	DemoCity city;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HonorFigures figures;

	@Autowired
	Regions regions;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void theBriefsFiguresAtFullAndSmallScale() {
		for (DemoScale scale : new DemoScale[] { DemoScale.FULL, DemoScale.SMALL }) {
			HonorDemoPart.Figures f = HonorDemoPart.figures(scale);
			assertThat(f).isEqualTo(new HonorDemoPart.Figures(831, 72, 15, 65, 1));
		}
		assertThat(HonorDemoPart.quarters(LocalDate.of(2026, 12, 6))).hasSize(31).startsWith("2019Q1").endsWith("2026Q3");
	}

	@Test
	void aTinyCityHasEveryHonourAndEveryStage() {
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			status.setRollbackOnly();
			var scope = regions.find("4412").orElseThrow().scope();
			HonorFigures.Counts before = figures.counts(scope);
			city.generate(DemoScale.TINY, 7, LocalDate.now(CityTime.ZONE), true, line -> {
			});
			HonorFigures.Counts after = figures.counts(scope);
			HonorDemoPart.Figures f = HonorDemoPart.figures(DemoScale.TINY);
			assertThat(after.of(Honour.CITY_GOOD) - before.of(Honour.CITY_GOOD)).isEqualTo(f.cityGood());
			assertThat(after.of(Honour.PROVINCE_GOOD) - before.of(Honour.PROVINCE_GOOD)).isEqualTo(f.provinceGood());
			assertThat(after.of(Honour.NATION_GOOD) - before.of(Honour.NATION_GOOD)).isEqualTo(f.nationGood());
			assertThat(after.of(Honour.CITY_MORAL_MODEL) - before.of(Honour.CITY_MORAL_MODEL)).isEqualTo(f.cityModels());
			assertThat(after.of(Honour.PROVINCE_MORAL_MODEL) - before.of(Honour.PROVINCE_MORAL_MODEL))
				.isEqualTo(f.provinceModels());
			// every nation's pick was the province's first; every published one consented
			assertThat(jdbc.sql("""
					select count(*) from honor_roll_entry e join honor_nomination n on n.id = e.nomination_id
					where n.number like 'HR-____-D%' and e.honour = 'NATION_GOOD' and not exists (
					    select 1 from honor_roll_entry p where p.nomination_id = e.nomination_id and p.honour = 'PROVINCE_GOOD')""")
				.query(Long.class).single()).isZero();
			assertThat(jdbc.sql("""
					select count(*) from honor_nomination n where n.number like 'HR-____-D%' and n.status = 'PUBLISHED'
					    and not exists (select 1 from honor_consent c where c.nomination_id = n.id and c.status = 'GIVEN')""")
				.query(Long.class).single()).isZero();
			assertThat(jdbc.sql("""
					select distinct status from honor_nomination where number like 'HR-____-D%'""").query(String.class)
				.list()).contains("SUBMITTED", "RETURNED", "SHORTLISTED", "IN_NOTICE", "REVIEW", "PUBLISHED", "REJECTED");
			assertThat(jdbc.sql("""
					select count(*) from honor_public_shortlist where starts_at <= now() and ends_at > now()""")
				.query(Long.class).single()).isPositive();
			// spread over the counties and the categories
			assertThat(jdbc.sql("""
					select count(distinct substr(region_code, 1, 6)) from honor_nomination where number like 'HR-____-D%'""")
				.query(Long.class).single()).isGreaterThan(2);
			assertThat(jdbc.sql("""
					select count(distinct category) from honor_nomination where number like 'HR-____-D%'""")
				.query(Long.class).single()).isEqualTo(5);
		});
	}
}
