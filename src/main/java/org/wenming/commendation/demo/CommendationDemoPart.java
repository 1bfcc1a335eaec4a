package org.wenming.commendation.demo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScenario;
import org.wenming.region.CityGeography;
import org.wenming.volunteer.DemoVolunteers;

/**
 * Commendations' share of the demo city (order 673, after the ledger named the demo volunteer and after the
 * honours): the demo volunteer's city commendation and their county's, who asked for them on their certificates;
 * a few other volunteers' commendations of every level, and two teams' (先进志愿服务集体). A dozen rows; the
 * digest takes titles and days, never generated ids.
 */
@Component
class CommendationDemoPart implements DemoCityPart {

	private record Given(String title, String issuer, String level, int daysAgo) {
	}

	private final JdbcClient jdbc;

	CommendationDemoPart(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 673;
	}

	@Override
	public void prepare(DemoCityRun run) {
		jdbc.sql("lock table commendation, commendation_choice in share row exclusive mode").update();
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("commendations", () -> commendations(run));
	}

	private void commendations(DemoCityRun run) {
		long t0 = System.nanoTime();
		CityGeography city = run.get(CityGeography.class);
		DemoVolunteers volunteers = run.get(DemoVolunteers.class);
		DemoVolunteers.MostHours demo = run.get(DemoVolunteers.MostHours.class);
		LocalDate asOf = run.plan().asOf();
		String office = city.cityName() + "文明办";
		int rows = 0;
		if (demo.volunteerId() != 0) {
			rows += give(run, "VOLUNTEER", demo.volunteerId(), new Given(city.cityName() + "优秀志愿者", office, "CITY", 120),
					asOf);
			rows += give(run, "VOLUNTEER", demo.volunteerId(), new Given("区优秀志愿者（社区服务）", "区文明办", "DISTRICT", 400),
					asOf);
			jdbc.sql("""
					insert into commendation_choice (volunteer_id, on_certificates, chosen_at) values (:v, true, now())
					on conflict (volunteer_id) do nothing""").param("v", demo.volunteerId()).update();
		}
		List<Given> others = List.of(new Given("广东省优秀志愿者", "广东省文明办", "PROVINCE", 300),
				new Given(city.cityName() + "抗洪救灾优秀志愿者", office, "CITY", 60),
				new Given("全国学雷锋志愿服务“四个100”最美志愿者", "中央文明办", "NATION", 700),
				new Given("区十佳志愿者", "区文明办", "DISTRICT", 200));
		int count = volunteers.count();
		for (int i = 0; i < others.size() && count > 0; i++) {
			long volunteer = volunteers.id((int) ((long) (i + 1) * count / (others.size() + 1)));
			if (volunteer != demo.volunteerId()) {
				rows += give(run, "VOLUNTEER", volunteer, others.get(i), asOf);
			}
		}
		List<Long> teams = jdbc.sql("""
				select id from published_team where region_path >= :lower and region_path < :upper and status = 'ACTIVE'
				order by id limit 2""").param("lower", city.cityPath()).param("upper", CityGeography.upper(city.cityPath()))
			.query(Long.class).list();
		for (long team : teams) {
			rows += give(run, "TEAM", team, new Given("先进志愿服务集体", office, "CITY", 90), asOf);
		}
		run.counted("commendation", rows, t0);
	}

	private int give(DemoCityRun run, String kind, long subject, Given g, LocalDate asOf) {
		String view = "VOLUNTEER".equals(kind) ? "published_volunteer" : "published_team";
		int n = jdbc.sql("""
				insert into commendation (volunteer_id, team_id, title, issuer, level, awarded_on, region_path, recorded_by,
				    recorded_at)
				select :volunteer, :team, :title, :issuer, :level, :on, region_path, :by, now() from %s where id = :id"""
			.formatted(view)).param("volunteer", "VOLUNTEER".equals(kind) ? subject : null, java.sql.Types.BIGINT)
			.param("team", "TEAM".equals(kind) ? subject : null, java.sql.Types.BIGINT).param("title", g.title())
			.param("issuer", g.issuer()).param("level", g.level()).param("on", asOf.minusDays(g.daysAgo()))
			.param("by", DemoScenario.ACTOR).param("id", subject).update();
		run.digest(("commendation:" + kind + ":" + g.title() + ":" + g.level() + ":" + asOf.minusDays(g.daysAgo()))
			.getBytes(StandardCharsets.UTF_8));
		return n;
	}
}
