package org.wenming.assessment.observation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;

/**
 * A published framework with criteria of each rule, places, an open round, and two teams, inserted by SQL
 * (the framework and round parts' services are not merged yet), each under names of its own.
 */
public final class ObservationFixtures {

	private static final AtomicLong USERS = new AtomicLong(7_700_000 + (System.nanoTime() % 100_000) * 10);

	public static final String CITY = "4412";

	public static final String COUNTY = "441202";

	public static final BigDecimal LAT = new BigDecimal("23.050000");

	public static final BigDecimal LON = new BigDecimal("112.460000");

	final JdbcClient jdbc;

	final Regions regions;

	public ObservationFixtures(JdbcClient jdbc, Regions regions) {
		this.jdbc = jdbc;
		this.regions = regions;
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	static long newUserId() {
		return USERS.incrementAndGet();
	}

	/** The framework and its criteria: for MAIN_ROAD a pass/fail (2), a deduction (4, 1 each), a count (3, 1 each, target 5), and under a second item another pass/fail (1); for MARKET one pass/fail. */
	public record Framework(long id, long passFail, long deduction, long count, long second, long market) {
	}

	public Framework framework() {
		String name = "测试体系" + suffix();
		long fw = jdbc.sql("""
				insert into assessment_framework (name, version, status, created_by, created_at)
				values (:n, 1, 'DRAFT', 'test', now()) returning id""").param("n", name).query(Long.class).single();
		long item1 = item(fw, "A", "公共环境卫生", 1);
		long item2 = item(fw, "B", "公共秩序", 2);
		long passFail = criterion(fw, item1, "MAIN_ROAD", "A1", "路面无垃圾", "2", "PASS_FAIL", null, null, 1);
		long deduction = criterion(fw, item1, "MAIN_ROAD", "A2", "无乱张贴，每处扣1分", "4", "DEDUCTION", "1", null, 2);
		long count = criterion(fw, item1, "MAIN_ROAD", "A3", "公益广告不少于5处", "3", "COUNT_TARGET", "1", 5, 3);
		long second = criterion(fw, item2, "MAIN_ROAD", "B1", "车辆停放有序", "1", "PASS_FAIL", null, null, 1);
		long market = criterion(fw, item1, "MARKET", "M1", "市场内无占道经营", "2", "PASS_FAIL", null, null, 4);
		jdbc.sql("update assessment_framework set status = 'PUBLISHED', published_by = 'test', published_at = now() where id = :id")
				.param("id", fw).update();
		return new Framework(fw, passFail, deduction, count, second, market);
	}

	private long item(long fw, String code, String name, int position) {
		return jdbc.sql("""
				insert into assessment_item (framework_id, code, name, position) values (:f, :c, :n, :p) returning id""")
				.param("f", fw).param("c", code).param("n", name).param("p", position).query(Long.class).single();
	}

	private long criterion(long fw, long item, String type, String code, String text, String full, String rule,
			String deduction, Integer target, int position) {
		return jdbc.sql("""
				insert into assessment_criterion (framework_id, item_id, place_type, code, text, full_marks, rule,
				    deduction, target, case_category, position)
				values (:f, :i, :t, :c, :x, cast(:full as numeric), :r, cast(:d as numeric), :target, 'BACK_ALLEY', :p)
				returning id""").param("f", fw).param("i", item).param("t", type).param("c", code).param("x", text)
				.param("full", full).param("r", rule).param("d", deduction).param("target", target).param("p", position)
				.query(Long.class).single();
	}

	public long place(String type, BigDecimal lat, BigDecimal lon) {
		return jdbc.sql("""
				insert into assessment_place (place_type, name, address, region_code, region_path, latitude, longitude,
				    created_by, created_at, updated_at)
				values (:t, :n, '测试路1号', :r, :p, :lat, :lon, 'test', now(), now()) returning id""").param("t", type)
				.param("n", "测试点位" + suffix()).param("r", COUNTY).param("p", path(COUNTY)).param("lat", lat)
				.param("lon", lon).query(Long.class).single();
	}

	public String path(String code) {
		return regions.find(code).orElseThrow().path();
	}

	public long round(long framework, String status, LocalDate starts, LocalDate ends) {
		return jdbc.sql("""
				insert into assessment_round (name, region_code, region_path, framework_id, starts_on, ends_on, quota,
				    status, seed, created_by, created_at, opened_at)
				values (:n, :r, :p, :f, :s, :e, 2, :status, 42, 'test', now(), now()) returning id""")
				.param("n", "2026年测试轮次" + suffix()).param("r", CITY).param("p", path(CITY)).param("f", framework)
				.param("s", starts).param("e", ends).param("status", status).query(Long.class).single();
	}

	/**
	 * Closes a round made OPEN by {@link #round} once its teams, sample and hand-overs are in: a CLOSED
	 * round refuses every change (V41's trigger), so a closed round's fixture is built open first.
	 */
	public void close(long round) {
		jdbc.sql("update assessment_round set status = 'CLOSED', closed_by = 'test', closed_at = now() where id = :r")
			.param("r", round).update();
	}

	public long openRound(long framework) {
		LocalDate today = LocalDate.now(CityTime.ZONE);
		return round(framework, "OPEN", today.minusDays(1), today.plusDays(5));
	}

	public long team(long round, long... members) {
		long team = jdbc.sql("insert into assessment_team (round_id, name) values (:r, :n) returning id").param("r", round)
				.param("n", "测评组" + suffix()).query(Long.class).single();
		for (long m : members) {
			jdbc.sql("insert into assessment_team_member (team_id, user_id) values (:t, :u)").param("t", team)
					.param("u", m).update();
		}
		return team;
	}

	public void sample(long round, long place, String type, Long team) {
		jdbc.sql("""
				insert into assessment_sample (round_id, place_id, county_code, place_type, draw_order, team_id)
				values (:r, :p, :c, :t, (select count(*) from assessment_sample where round_id = :r) + 1, :team)""")
				.param("r", round).param("p", place).param("c", COUNTY).param("t", type).param("team", team).update();
	}

	public void handover(long round, long place, long criterion, long caseId, String caseNumber) {
		jdbc.sql("""
				insert into assessment_handover (round_id, place_id, criterion_id, case_id, case_number, handed_at)
				values (:r, :p, :c, :id, :n, :at)""").param("r", round).param("p", place).param("c", criterion)
				.param("id", caseId).param("n", caseNumber).param("at", OffsetDateTime.now()).update();
	}

	public int observations(long round, long place) {
		return jdbc.sql("select count(*) from assessment_observation where round_id = :r and place_id = :p")
				.param("r", round).param("p", place).query(Integer.class).single();
	}

	public int submissions(long round, long place) {
		return jdbc.sql("select count(*) from assessment_submission where round_id = :r and place_id = :p")
				.param("r", round).param("p", place).query(Integer.class).single();
	}
}
