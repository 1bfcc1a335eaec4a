package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Lecture statistics at the city's scale: 3,256 finished lectures with 145,600 attendances in one
 * year (the figures Zhaoqing reported), by setting and team, confined to the staff member's region.
 * Each run uses a year of its own, so other tests' lectures do not count.
 */
@WenmingTest
class LectureStatisticsTest {

	@Autowired
	LectureStatistics statistics;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	MockMvc mvc;

	@Autowired
	Activities activities;

	/** Finished lectures spread over the year, settings and the given teams; audiences summing to {@code attendances}. */
	void seed(int year, int sessions, long attendances, String regionCode, List<Long> teams) {
		String path = regions.find(regionCode).orElseThrow().path();
		long base = attendances / sessions;
		long extra = attendances % sessions;
		jdbc.sql("""
				insert into activity (title, type, lecture_setting, lecture_team_id, organizer_team_id, address, region_code,
				    region_path, status, audience_count, created_by, starts_at, ends_at, finished_at)
				select '统计宣讲' || g, 'LECTURE',
				    (array['ENTERPRISE','VILLAGE','GOVERNMENT','CAMPUS','COMMUNITY','ONLINE'])[1 + g % 6],
				    (:teams::bigint[])[1 + g % cardinality(:teams::bigint[])], (:teams::bigint[])[1], '某地', :region, :path,
				    'FINISHED', :base + case when g <= :extra then 1 else 0 end, 'stats-test',
				    make_timestamptz(:year, 1, 1, 9, 0, 0, 'Asia/Shanghai') + (g % 365) * interval '1 day',
				    make_timestamptz(:year, 1, 1, 11, 0, 0, 'Asia/Shanghai') + (g % 365) * interval '1 day', now()
				from generate_series(1, :n) g""").param("teams", "{" + String.join(",", teams.stream().map(String::valueOf).toList()) + "}")
			.param("region", regionCode).param("path", path).param("base", base).param("extra", extra)
			.param("year", year).param("n", sessions).update();
	}

	@Test
	void theCitysYearIsCountedBySettingAndTeamInsideTheScope() throws Exception {
		ActivityFixtures fixtures = new ActivityFixtures(jdbc, regions);
		// a past year no other test writes lectures into (they use the current one)
		int year = 2001 + ThreadLocalRandom.current().nextInt(0, 20);
		String tag = ActivityFixtures.tag();
		long teamA = fixtures.team("宣讲团甲" + tag, "441202", ActivityFixtures.DUANZHOU_PATH);
		long teamB = fixtures.team("宣讲团乙" + tag, "441202", ActivityFixtures.DUANZHOU_PATH);
		seed(year, 3_256, 145_600, "441202", List.of(teamA, teamB));
		long dinghuTeam = fixtures.team("鼎湖宣讲团" + tag, "441203", "44.4412.441203.");
		seed(year, 100, 1_000, "441203", List.of(dinghuTeam));

		LectureStatistics.Report duanzhou = statistics.report(regions.find("441202").orElseThrow().scope(),
				LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
		assertThat(duanzhou.sessions()).isEqualTo(3_256);
		assertThat(duanzhou.attendances()).isEqualTo(145_600);
		assertThat(duanzhou.bySetting()).hasSize(6);
		assertThat(duanzhou.byTeam()).extracting(LectureStatistics.Line::name)
			.containsExactlyInAnyOrder("宣讲团甲" + tag, "宣讲团乙" + tag);
		assertThat(duanzhou.byTeam().stream().mapToLong(LectureStatistics.Line::sessions).sum()).isEqualTo(3_256);

		LectureStatistics.Report city = statistics.report(regions.find("4412").orElseThrow().scope(),
				LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
		assertThat(city.sessions()).isEqualTo(3_356);
		assertThat(city.attendances()).isEqualTo(146_600);

		// a month: January holds days 0..30 of the spread
		LectureStatistics.Report january = statistics.report(regions.find("441202").orElseThrow().scope(),
				LocalDate.of(year, 1, 1), LocalDate.of(year, 1, 31));
		assertThat(january.sessions()).isBetween(250L, 300L);

		TestUsers users = new TestUsers(regions);
		String json = mvc.perform(get("/api/v1/admin/lectures/statistics").param("year", String.valueOf(year))
			.with(users.staff("441202", Roles.OFFICE_STAFF))).andReturn().getResponse().getContentAsString();
		assertThat(json).contains("\"sessions\":3256").contains("\"attendances\":145600").doesNotContain("鼎湖宣讲团");
		String page = mvc.perform(get("/admin/lectures").param("month", year + "-01")
			.with(users.staff("441202", Roles.OFFICE_STAFF))).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("宣讲团甲" + tag).contains("进农村");
		for (String[] bad : new String[][] { { "year", "20x6" }, { "month", "2026-13" }, { "from", "2026-01-01" },
				{ "year", "１９９９" } }) {
			int status = mvc.perform(get("/api/v1/admin/lectures/statistics").param(bad[0], bad[1])
				.with(users.staff("441202", Roles.OFFICE_STAFF))).andReturn().getResponse().getStatus();
			assertThat(status).as(bad[0] + "=" + bad[1]).isEqualTo(400);
		}
		assertThat(mvc.perform(get("/admin/lectures").with(users.staff("441202", Roles.VOLUNTEER))).andReturn()
			.getResponse().getStatus()).isEqualTo(403);
	}

	/**
	 * The benchmark of the notes: ten years of the city's lectures among other activities, the report
	 * timed with the partial covering index and without it. Run with {@code -Dwenming.bench=true}.
	 */
	@Test
	@EnabledIfSystemProperty(named = "wenming.bench", matches = "true")
	void benchmark() {
		ActivityFixtures fixtures = new ActivityFixtures(jdbc, regions);
		long team = fixtures.team("基准宣讲团" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		int first = 2200 + ThreadLocalRandom.current().nextInt(0, 80) * 10; // years no other test uses
		for (int y = 0; y < 10; y++) {
			seed(first + y, 3_256, 145_600, "441202", List.of(team));
		}
		// other activities the index must skip: 100,000 service activities
		jdbc.sql("""
				insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by,
				    starts_at, ends_at)
				select '其他活动' || g, 'SERVICE', :team, '某地', '441202', '44.4412.441202.', 'FINISHED', 'bench',
				    make_timestamptz(:year, 1, 1, 9, 0, 0, 'Asia/Shanghai') + (g % 3650) * interval '1 day',
				    make_timestamptz(:year, 1, 1, 11, 0, 0, 'Asia/Shanghai') + (g % 3650) * interval '1 day'
				from generate_series(1, 100000) g""").param("team", team).param("year", first).update();
		jdbc.sql("analyze activity").update();
		var scope = regions.find("4412").orElseThrow().scope();
		LocalDate from = LocalDate.of(first + 5, 1, 1);
		LocalDate to = LocalDate.of(first + 5, 12, 31);
		double withIndex = time(() -> statistics.report(scope, from, to));
		System.out.println("BENCH lecture report, one year of 3,256 among " + jdbc.sql("select count(*) from activity")
			.query(Long.class).single() + " activities, with index: " + String.format("%.2f ms", withIndex));
		jdbc.sql("drop index activity_lecture_stats_idx").update();
		try {
			jdbc.sql("analyze activity").update();
			double without = time(() -> statistics.report(scope, from, to));
			System.out.println("BENCH without index: " + String.format("%.2f ms, ratio %.1f", without, without / withIndex));
		}
		finally {
			jdbc.sql("""
					create index activity_lecture_stats_idx on activity (starts_at)
					    include (lecture_setting, lecture_team_id, audience_count, region_path)
					    where type = 'LECTURE' and status = 'FINISHED'""").update();
		}
		assertThat(statistics.report(scope, from, to).sessions()).isEqualTo(3_256);
	}

	/**
	 * "Near me" on the public list among 50,000 open activities spread over the city: the bounding box
	 * answered by V12's position index, against the same query with that index dropped. Run with
	 * {@code -Dwenming.bench=true}.
	 */
	@Test
	@EnabledIfSystemProperty(named = "wenming.bench", matches = "true")
	void nearMeBenchmark() {
		ActivityFixtures fixtures = new ActivityFixtures(jdbc, regions);
		long team = fixtures.team("基准附近队" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		// Zhaoqing spans about 22.8-24.4 N, 111.3-112.9 E
		jdbc.sql("""
				insert into activity (title, type, organizer_team_id, address, latitude, longitude, region_code, region_path,
				    status, created_by, starts_at, ends_at)
				select '附近活动' || g, 'SERVICE', :team, '某地', 22.8 + random() * 1.6, 111.3 + random() * 1.6, '441202',
				    '44.4412.441202.', 'PUBLISHED', 'bench', now() + interval '1 day', now() + interval '1 day 3 hours'
				from generate_series(1, 50000) g""").param("team", team).update();
		jdbc.sql("analyze activity").update();
		ActivityQuery near = new ActivityQuery("44.4412.", null, null, null, 23.05, 112.46, 3.0, 0, 20);
		double withIndex = time(() -> activities.list(near));
		long found = activities.list(near).total();
		System.out.println("BENCH near me (3 km, " + found + " found among 50,000 open): with index "
				+ String.format("%.2f ms", withIndex));
		jdbc.sql("drop index activity_position_idx").update();
		try {
			jdbc.sql("analyze activity").update();
			double without = time(() -> activities.list(near));
			System.out.println("BENCH near me without index: " + String.format("%.2f ms, ratio %.1f", without,
					without / withIndex));
		}
		finally {
			jdbc.sql("""
					create index activity_position_idx on activity (latitude, longitude)
					    where latitude is not null and status in ('PUBLISHED', 'UNDER_WAY')""").update();
			jdbc.sql("update activity set status = 'CANCELLED', cancel_reason = 'bench' where created_by = 'bench'"
					+ " and status = 'PUBLISHED'").update();
		}
		assertThat(found).isPositive();
	}

	private static double time(Runnable run) {
		for (int i = 0; i < 5; i++) {
			run.run();
		}
		int n = 30;
		long start = System.nanoTime();
		for (int i = 0; i < n; i++) {
			run.run();
		}
		return (System.nanoTime() - start) / 1e6 / n;
	}
}
