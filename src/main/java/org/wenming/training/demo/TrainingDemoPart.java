package org.wenming.training.demo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScenario;
import org.wenming.region.CityGeography;
import org.wenming.volunteer.DemoVolunteers;

/**
 * Training's share of the demo city (order 675, after the ledger named the demo volunteer): the city's Red Cross
 * first-aid course (granting FIRST_AID for 36 months), a county's fire-safety course, and two upcoming courses open
 * for enrolment; the demo volunteer completed first aid (so they may sign up for the marathon's first-aid station,
 * which the activity part made require it), a score of other volunteers first aid or fire safety, a few enrolled
 * in the upcoming elderly-care course. The digest takes titles and days, never generated ids.
 */
@Component
class TrainingDemoPart implements DemoCityPart {

	private final JdbcClient jdbc;

	TrainingDemoPart(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 675;
	}

	@Override
	public void prepare(DemoCityRun run) {
		jdbc.sql("lock table training_course, training_enrolment in share row exclusive mode").update();
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("training", () -> training(run));
	}

	private record Given(String title, String provider, int hours, int startsInDays, String place, String qualification,
			Integer months) {
	}

	private void training(DemoCityRun run) {
		long t0 = System.nanoTime();
		CityGeography city = run.get(CityGeography.class);
		DemoVolunteers volunteers = run.get(DemoVolunteers.class);
		DemoVolunteers.MostHours demo = run.get(DemoVolunteers.MostHours.class);
		LocalDate asOf = run.plan().asOf();
		CityGeography.County county = city.counties().get(0);
		long firstAid = course(run, new Given("红十字救护员培训（急救）", city.cityName() + "红十字会", 16, -60,
				city.cityName() + "红十字会培训中心", "FIRST_AID", 36), city.cityCode(), city.cityPath(), asOf);
		long fire = course(run, new Given("社区消防安全培训", county.name() + "消防救援大队", 4, -20,
				county.name() + "消防站", "FIRE_SAFETY", null), county.code(), county.path(), asOf);
		long care = course(run, new Given("居家养老护理志愿者培训", city.cityName() + "民政局", 8, 14,
				city.cityName() + "新时代文明实践中心", "ELDER_CARE", null), city.cityCode(), city.cityPath(), asOf);
		course(run, new Given("红十字救护员培训（急救）第二期", city.cityName() + "红十字会", 16, 21,
				city.cityName() + "红十字会培训中心", "FIRST_AID", 36), city.cityCode(), city.cityPath(), asOf);
		int rows = 0;
		if (demo.volunteerId() != 0) {
			rows += complete(run, firstAid, demo.volunteerId(), asOf.minusDays(59), "RC-DEMO-0001");
		}
		int count = volunteers.count();
		int others = Math.min(20, count);
		for (int i = 0; i < others; i++) {
			long volunteer = volunteers.id((int) ((long) (i + 1) * count / (others + 1)));
			if (volunteer == demo.volunteerId()) {
				continue;
			}
			if (i % 2 == 0) {
				rows += complete(run, firstAid, volunteer, asOf.minusDays(59), "RC-DEMO-" + String.format("%04d", i + 2));
			}
			else if (i % 4 == 1) {
				rows += complete(run, fire, volunteer, asOf.minusDays(20), null);
			}
			else {
				rows += jdbc.sql("""
						insert into training_enrolment (course_id, volunteer_id, status, enrolled_at, recorded_by, recorded_at)
						values (:c, :v, 'ENROLLED', now(), :by, now()) on conflict (course_id, volunteer_id) do nothing""")
					.param("c", care).param("v", volunteer).param("by", DemoScenario.ACTOR).update();
				run.digest(("training:enrolled:" + i).getBytes(StandardCharsets.UTF_8));
			}
		}
		run.counted("training_enrolment", rows, t0);
	}

	private long course(DemoCityRun run, Given g, String regionCode, String regionPath, LocalDate asOf) {
		long id = jdbc.sql("""
				insert into training_course (title, provider, hours, starts_on, place, certificate, qualification,
				    validity_months, region_code, region_path, created_by, created_at)
				values (:title, :provider, :hours, :on, :place, true, :q, :months, :code, :path, :by, now()) returning id""")
			.param("title", g.title()).param("provider", g.provider()).param("hours", g.hours())
			.param("on", asOf.plusDays(g.startsInDays())).param("place", g.place()).param("q", g.qualification())
			.param("months", g.months(), java.sql.Types.INTEGER).param("code", regionCode).param("path", regionPath)
			.param("by", DemoScenario.ACTOR).query(Long.class).single();
		run.digest(("training:course:" + g.title() + ":" + asOf.plusDays(g.startsInDays())).getBytes(StandardCharsets.UTF_8));
		return id;
	}

	private int complete(DemoCityRun run, long course, long volunteer, LocalDate on, String certificate) {
		int n = jdbc.sql("""
				insert into training_enrolment (course_id, volunteer_id, status, completed_on, certificate_number,
				    enrolled_at, recorded_by, recorded_at)
				values (:c, :v, 'COMPLETED', :on, :number, now(), :by, now()) on conflict (course_id, volunteer_id) do nothing""")
			.param("c", course).param("v", volunteer).param("on", on).param("number", certificate, java.sql.Types.VARCHAR)
			.param("by", DemoScenario.ACTOR).update();
		run.digest(("training:completed:" + on + ":" + certificate).getBytes(StandardCharsets.UTF_8));
		return n;
	}
}
