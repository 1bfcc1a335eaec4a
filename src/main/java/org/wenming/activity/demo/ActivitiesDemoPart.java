package org.wenming.activity.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.activity.DemoActivities;
import org.wenming.demo.CopyRows;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoPlan;
import org.wenming.demo.DemoScale;
import org.wenming.demo.DemoScenario;
import org.wenming.demo.DemoTables;
import org.wenming.platform.BulkLoadWindow;
import org.wenming.region.CityGeography;
import org.wenming.shared.CityTime;
import org.wenming.volunteer.DemoVolunteers;
import org.wenming.volunteer.team.DemoTeams;

/**
 * The activity module's part of the demo city: the reference year's lectures (exactly the figure, with
 * their audience) and other finished activities; the current year's activities of every kind with
 * shifts, confirmed sign-ups (never over capacity, nobody on two shifts a day) and attendance; the next
 * month's published ones. In the module's own bulk-load window; left to the ledger as
 * {@link DemoActivities}.
 */
@Component
class ActivitiesDemoPart implements DemoCityPart {

	private static final List<String> TABLES = List.of("activity", "shift", "signup", "attendance");

	private final JdbcClient jdbc;

	ActivitiesDemoPart(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 400;
	}

	@Override
	public void prepare(DemoCityRun run) {
		// nobody else writes these tables while the city is loaded, so the ids taken here stay free
		jdbc.sql("lock table activity, shift, signup, attendance in share row exclusive mode").update();
	}

	@Override
	public void load(DemoCityRun run) {
		// a million sign-ups and attendances at full scale: indexes and checks are made once, after
		BulkLoadWindow window = run.bulkLoadWindow(TABLES, List.of());
		Planner planner = new Planner(run);
		run.step("activities", planner::activities);
		run.put(DemoActivities.class, planner.held());
		run.tally().activities(planner.activities.size(), planner.lectures, planner.lectureAudience);
		run.step("activity indexes", () -> {
			window.restore();
			run.atEnd(() -> DemoTables.moveSequencesPast(jdbc, TABLES));
			DemoTables.analyze(jdbc, TABLES);
		});
		run.step("first-aid station", () -> firstAidStation(run));
	}

	/**
	 * The demo's marathon station (issue 22): the last upcoming service shift becomes a first-aid point of the
	 * city's marathon and requires the first-aid qualification (training's part gives it to the demo volunteer
	 * and others). The last one, so that the demo's earlier upcoming shifts take sign-ups as they always did; its
	 * own sign-ups were made before the requirement and stay.
	 */
	private void firstAidStation(DemoCityRun run) {
		Long shift = jdbc.sql("""
				select s.id from shift s join activity a on a.id = s.activity_id
				where a.status = 'PUBLISHED' and a.type = 'SERVICE' and s.starts_at > :from
				order by s.starts_at desc, s.id desc limit 1""")
			.param("from", java.sql.Timestamp.from(DemoScenario.at(run.plan().asOf().plusDays(1), 0)))
			.query(Long.class).optional().orElse(null);
		if (shift == null) {
			return;
		}
		jdbc.sql("update shift set required_qualifications = '{FIRST_AID}' where id = :id").param("id", shift).update();
		String city = run.get(CityGeography.class).cityName();
		jdbc.sql("""
				update activity set title = :title, description = :description
				where id = (select activity_id from shift where id = :id)""")
			.param("title", city + "马拉松赛道急救点志愿服务")
			.param("description", city + "马拉松赛道急救点：协助医疗队为跑者提供现场急救和补给。本班次需持有有效的急救培训资质。")
			.param("id", shift).update();
		// the digest takes the shift's start, never its generated id
		run.digest(("first-aid station:" + jdbc.sql("select starts_at from shift where id = :id").param("id", shift)
			.query(java.time.OffsetDateTime.class).single().toInstant()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/** An activity planned in memory before it is written (only the recent years have them). */
	private static final class PlannedActivity {

		long id;

		String title;

		String type;

		String lectureSetting;

		Long lectureTeamId;

		String campaignTheme;

		String courseSubject;

		Long organizerTeamId;

		Long organizerSiteId;

		String organizationName;

		String organizationPath;

		Long siteId;

		String regionCode;

		String regionPath;

		String status;

		String cancelReason;

		Integer audience;

		Instant createdAt;

		Instant publishedAt;

		Instant finishedAt;

		Instant cancelledAt;

		int county;

		final List<PlannedShift> shifts = new ArrayList<>();
	}

	private static final class PlannedShift {

		long id;

		Instant start;

		Instant end;

		int capacity;

		int[] confirmed = new int[0];

		/** Of the confirmed, who came (index into confirmed), with check-in and check-out minutes off the shift. */
		boolean[] came = new boolean[0];

		int[] inOffset = new int[0];

		int[] outOffset = new int[0];

		/** The shift's city day: sign-ups and attendance are partitioned by it (shift.starts_on). */
		LocalDate day() {
			return start.atZone(CityTime.ZONE).toLocalDate();
		}

		Instant attendanceConfirmedAt;
	}


	/** One run's activities, planned in memory (in time order), then written. */
	private final class Planner {

		final DemoCityRun run;

		final DemoPlan plan;

		final DemoScale scale;

		final List<CityGeography.County> counties;

		final List<CityGeography.Town> towns;

		final List<CityGeography.Village> villages;

		final Map<String, CityGeography.Site> siteByRegion;

		final Map<String, Integer> villageByCode;

		final DemoTeams teams;

		final long[] countyCorps;

		final long[] countyLectureTeam;

		final long[] townBranch;

		final Map<Integer, List<Long>> villageSquads;

		final Map<Integer, List<Integer>> byCounty;

		final int[] registered;

		final long volunteerBase;

		/** A volunteer's last day on a shift, so nobody is on two shifts of a day. */
		final int[] lastDay;

		final int referenceYear;

		final LocalDate goLive;

		final long today;

		final List<PlannedActivity> activities = new ArrayList<>();

		int lectures;

		long lectureAudience;

		Planner(DemoCityRun run) {
			this.run = run;
			this.plan = run.plan();
			this.scale = plan.scale();
			CityGeography city = run.get(CityGeography.class);
			this.counties = city.counties();
			this.towns = city.towns();
			this.villages = city.villages();
			this.siteByRegion = city.siteByRegion();
			this.villageByCode = city.villageByCode();
			this.teams = run.get(DemoTeams.class);
			this.countyCorps = teams.countyCorps();
			this.countyLectureTeam = teams.countyLectureTeam();
			this.townBranch = teams.townBranch();
			this.villageSquads = teams.villageSquads();
			DemoVolunteers volunteers = run.get(DemoVolunteers.class);
			this.byCounty = volunteers.byCounty();
			this.registered = volunteers.registered();
			this.volunteerBase = volunteers.firstId();
			this.lastDay = new int[volunteers.count()];
			Arrays.fill(lastDay, Integer.MIN_VALUE);
			this.referenceYear = plan.referenceYear();
			this.goLive = plan.goLive();
			this.today = plan.today();
		}

		DemoActivities held() {
			List<DemoActivities.Held> held = new ArrayList<>(activities.size());
			for (PlannedActivity a : activities) {
				List<DemoActivities.HeldShift> shifts = new ArrayList<>(a.shifts.size());
				for (PlannedShift s : a.shifts) {
					shifts.add(new DemoActivities.HeldShift(s.id, s.start, s.end, s.confirmed, s.came, s.inOffset,
							s.outOffset, s.attendanceConfirmedAt));
				}
				held.add(new DemoActivities.Held(a.id, a.type, a.title, a.organizerTeamId, a.organizerSiteId,
						a.organizationName, a.organizationPath, shifts));
			}
			return new DemoActivities(held);
		}

		void activities() {
			SplittableRandom random = run.random("activities");
			long activityId = DemoTables.nextId(jdbc, "activity");
			long shiftId = DemoTables.nextId(jdbc, "shift");
			// lectures of the reference year: exactly the figure, their audience adding up exactly
			int[] audience = DemoScenario.split(scale.lectureAudience(), scale.lectures(), random);
			LocalDate refStart = LocalDate.of(referenceYear, 1, 1);
			for (int l = 0; l < scale.lectures(); l++) {
				LocalDate day = refStart.plusDays(random.nextInt(refStart.lengthOfYear()));
				PlannedActivity a = lecture(random, day);
				a.audience = audience[l];
				lectures++;
				lectureAudience += audience[l];
				activities.add(a);
			}
			// the current year: every kind, attended through the application, and the next month published
			long serviceTarget = scale.records() / 10 * Math.max(0, plan.asOf().getDayOfYear() - 1)
					/ plan.asOf().lengthOfYear();
			long shiftsNeeded = Math.max(scale == DemoScale.TINY ? 12 : 1, serviceTarget / 18);
			LocalDate yearStart = goLive;
			int daysSoFar = (int) (today - yearStart.toEpochDay()) - 2;
			long planned = 0;
			while (planned < shiftsNeeded && daysSoFar > 0) {
				LocalDate day = yearStart.plusDays(random.nextInt(daysSoFar));
				PlannedActivity a = random.nextInt(100) < 8 ? lecture(random, day) : other(random, day);
				if (a.type.equals("LECTURE")) {
					a.audience = 20 + random.nextInt(60);
				}
				planned += a.shifts.size();
				activities.add(a);
			}
			int upcoming = (int) Math.max(3, shiftsNeeded / 12);
			for (int u = 0; u < upcoming; u++) {
				LocalDate day = plan.asOf().plusDays(1 + random.nextInt(30));
				PlannedActivity a = random.nextInt(100) < 8 ? lecture(random, day) : other(random, day);
				activities.add(a);
			}
			// the reference year's other activities, finished before the platform took attendance
			int refOthers = (int) Math.min(activities.size(), Math.max(20, shiftsNeeded));
			for (int r = 0; r < refOthers; r++) {
				LocalDate day = refStart.plusDays(random.nextInt(refStart.lengthOfYear()));
				activities.add(other(random, day));
			}
			activities.sort(Comparator.comparing((PlannedActivity a) -> a.shifts.get(0).start));
			// statuses, sign-ups and attendance in time order, so nobody is on two shifts a day
			List<PlannedShift> allShifts = new ArrayList<>();
			for (PlannedActivity a : activities) {
				a.id = activityId++;
				Instant first = a.shifts.get(0).start;
				Instant last = a.shifts.get(a.shifts.size() - 1).end;
				a.createdAt = first.minusSeconds(86_400L * (3 + random.nextInt(20)));
				a.publishedAt = a.createdAt.plusSeconds(3600);
				boolean past = last.isBefore(DemoScenario.at(plan.asOf(), 0));
				if (past && !a.type.equals("LECTURE") && random.nextInt(100) < 3) {
					a.status = "CANCELLED";
					a.cancelReason = "天气原因取消";
					a.cancelledAt = first.minusSeconds(86_400);
				}
				else if (past) {
					a.status = "FINISHED";
					a.finishedAt = last.plusSeconds(1800);
				}
				else {
					a.status = "PUBLISHED";
				}
				if (!"FINISHED".equals(a.status)) {
					a.audience = null;
				}
				for (PlannedShift s : a.shifts) {
					s.id = shiftId++;
					boolean inApp = !s.start.isBefore(DemoScenario.at(goLive, 0));
					if (inApp && !"CANCELLED".equals(a.status)) {
						signUp(a, s, random);
					}
					allShifts.add(s);
				}
			}
			writeActivities(allShifts);
		}

		private PlannedActivity lecture(SplittableRandom random, LocalDate day) {
			PlannedActivity a = new PlannedActivity();
			int c = random.nextInt(counties.size());
			CityGeography.County county = counties.get(c);
			a.county = c;
			a.type = "LECTURE";
			String[] settings = { "ENTERPRISE", "VILLAGE", "GOVERNMENT", "CAMPUS", "COMMUNITY", "ONLINE" };
			int[] weights = { 15, 30, 12, 15, 23, 5 };
			a.lectureSetting = settings[DemoScenario.weighted(weights, random)];
			a.lectureTeamId = countyLectureTeam[c];
			String[] topics = { "党的创新理论", "文明新风", "移风易俗", "法治宣传", "乡村振兴", "垃圾分类", "反诈防骗", "健康生活" };
			String[] where = { "进企业", "进农村", "进机关", "进校园", "进社区", "进网络" };
			a.title = topics[random.nextInt(topics.length)] + "宣讲" + where[List.of(settings).indexOf(a.lectureSetting)];
			a.organizerTeamId = countyLectureTeam[c];
			DemoTeams.TeamRow team = teams.team(a.organizerTeamId);
			a.organizationName = team.name();
			a.organizationPath = team.regionPath();
			if (a.lectureSetting.equals("ONLINE")) {
				a.regionCode = county.code();
				a.regionPath = county.path();
			}
			else {
				place(a, county, random);
			}
			int start = 9 * 60 + 30 * random.nextInt(16);
			shift(a, day, start, 90 + 30 * random.nextInt(2), 2 + random.nextInt(3));
			return a;
		}

		private PlannedActivity other(SplittableRandom random, LocalDate day) {
			PlannedActivity a = new PlannedActivity();
			int c = random.nextInt(counties.size());
			CityGeography.County county = counties.get(c);
			a.county = c;
			String[] types = { "SERVICE", "MARKET", "COURSE", "CAMPAIGN" };
			a.type = types[DemoScenario.weighted(new int[] { 60, 12, 10, 18 }, random)];
			switch (a.type) {
				case "SERVICE" -> {
					String[] titles = { "社区环境清洁", "关爱空巢老人走访", "文明交通劝导", "河道巡护", "义诊进社区", "图书馆导读",
							"困难儿童课业辅导", "防溺水宣传巡查" };
					a.title = titles[random.nextInt(titles.length)] + "志愿服务";
				}
				case "MARKET" -> a.title = "志愿服务集市（便民义剪、义诊、政策咨询）";
				case "COURSE" -> {
					String[] subjects = { "书法", "端砚文化", "粤剧", "剪纸", "太极拳", "智能手机使用" };
					a.courseSubject = subjects[random.nextInt(subjects.length)];
					a.title = a.courseSubject + "公益课堂";
				}
				default -> {
					String[] themes = { "FESTIVALS", "TABLE_MANNERS", "GREEN_TRAVEL", "FAMILY_VIRTUES", "ACTION_DAY" };
					String[] names = { "我们的节日", "文明餐桌", "绿色出行", "文明家风", "全市志愿服务行动日" };
					int t = random.nextInt(themes.length);
					a.campaignTheme = themes[t];
					a.title = names[t] + "主题活动";
				}
			}
			place(a, county, random);
			if (random.nextInt(100) < 20) {
				CityGeography.Site site = siteByRegion.get(a.regionCode);
				a.organizerSiteId = site.id();
				a.organizationName = site.name();
				a.organizationPath = site.path();
			}
			else {
				Integer index = villageByCode.get(a.regionCode);
				CityGeography.Village village = index == null ? null : villages.get(index);
				List<Long> squads = index == null ? null : villageSquads.get(index);
				long team = squads != null ? squads.get(0)
						: village != null ? townBranch[village.town()] : countyCorps[c];
				a.organizerTeamId = team;
				a.organizationName = teams.team(team).name();
				a.organizationPath = teams.team(team).regionPath();
			}
			int shifts = random.nextInt(100) < 70 ? 1 : 2;
			int start = 8 * 60 + 30 * random.nextInt(14);
			for (int s = 0; s < shifts; s++) {
				shift(a, day.plusDays(s), start, 120 + 30 * random.nextInt(5), 10 + random.nextInt(31));
			}
			return a;
		}

		/** At a village station (or a town institute), in the county. */
		private void place(PlannedActivity a, CityGeography.County county, SplittableRandom random) {
			CityGeography.Town town = towns.get(county.towns().get(random.nextInt(county.towns().size())));
			CityGeography.Site site = null;
			String code = null;
			String path = null;
			if (!town.villages().isEmpty() && random.nextInt(100) < 75) {
				CityGeography.Village v = villages.get(town.villages().get(random.nextInt(town.villages().size())));
				site = siteByRegion.get(v.code());
				code = v.code();
				path = v.path();
			}
			if (site == null) {
				site = siteByRegion.get(town.code());
				code = town.code();
				path = town.path();
			}
			if (site == null) {
				site = siteByRegion.get(county.code());
				code = county.code();
				path = county.path();
			}
			a.siteId = site == null ? null : site.id();
			a.regionCode = code;
			a.regionPath = path;
		}

		private void shift(PlannedActivity a, LocalDate day, int startMinute, int minutes, int capacity) {
			PlannedShift s = new PlannedShift();
			s.start = DemoScenario.at(day, startMinute);
			s.end = s.start.plusSeconds(60L * minutes);
			s.capacity = capacity;
			a.shifts.add(s);
		}

		/** Confirmed sign-ups (never over capacity), and for a past shift who came and when. */
		private void signUp(PlannedActivity a, PlannedShift s, SplittableRandom random) {
			List<Integer> pool = byCounty.get(a.county);
			if (pool == null || pool.isEmpty()) {
				return;
			}
			int day = (int) s.start.atZone(CityTime.ZONE).toLocalDate().toEpochDay();
			int want = Math.min(s.capacity, (int) Math.ceil(s.capacity * (0.6 + 0.4 * random.nextDouble())));
			List<Integer> chosen = new ArrayList<>();
			for (int attempt = 0; attempt < want * 4 && chosen.size() < want; attempt++) {
				int v = pool.get(random.nextInt(pool.size()));
				if (registered[v] < day && lastDay[v] != day && !chosen.contains(v)) {
					chosen.add(v);
				}
			}
			chosen.forEach(v -> lastDay[v] = day);
			s.confirmed = chosen.stream().mapToInt(Integer::intValue).toArray();
			boolean past = s.end.isBefore(DemoScenario.at(plan.asOf(), 0));
			s.came = new boolean[s.confirmed.length];
			s.inOffset = new int[s.confirmed.length];
			s.outOffset = new int[s.confirmed.length];
			if (past) {
				for (int k = 0; k < s.confirmed.length; k++) {
					s.came[k] = random.nextInt(100) < 92;
					s.inOffset[k] = -random.nextInt(15);
					s.outOffset[k] = random.nextInt(20);
				}
				s.attendanceConfirmedAt = s.end.plusSeconds(3600 + random.nextInt(36_000));
			}
		}

		private void writeActivities(List<PlannedShift> allShifts) {
			long t0 = System.nanoTime();
			try (CopyRows copy = run.copy("activity", List.of("id", "title", "description", "type",
					"lecture_setting", "lecture_team_id", "campaign_theme", "course_subject", "organizer_team_id",
					"organizer_site_id", "site_id", "region_code", "region_path", "requires_approval", "status",
					"cancel_reason", "audience_count", "created_by", "created_at", "updated_at", "published_at",
					"finished_at", "cancelled_at", "version", "starts_at", "ends_at"))) {
				for (PlannedActivity a : activities) {
					Instant updated = a.finishedAt != null ? a.finishedAt : a.cancelledAt != null ? a.cancelledAt
							: a.publishedAt;
					copy.value(a.id).value(a.title).value(a.title + "。欢迎志愿者报名参加。").value(a.type)
							.value(a.lectureSetting).value(a.lectureTeamId).value(a.campaignTheme).value(a.courseSubject)
							.value(a.organizerTeamId).value(a.organizerSiteId).value(a.siteId).value(a.regionCode)
							.value(a.regionPath).value(false).value(a.status).value(a.cancelReason).value(a.audience)
							.value(DemoScenario.ACTOR).value(a.createdAt).value(updated).value(a.publishedAt).value(a.finishedAt)
							.value(a.cancelledAt).value(0).value(a.shifts.get(0).start)
							.value(a.shifts.get(a.shifts.size() - 1).end).end();
				}
				run.counted("activity", copy.finish(), t0);
			}
			long t1 = System.nanoTime();
			try (CopyRows copy = run.copy("shift", List.of("id", "activity_id", "starts_at", "ends_at",
					"capacity", "confirmed_count", "attendance_confirmed_at", "attendance_confirmed_by"))) {
				for (PlannedActivity a : activities) {
					for (PlannedShift s : a.shifts) {
						copy.value(s.id).value(a.id).value(s.start).value(s.end).value(s.capacity)
								.value(s.confirmed.length).value(s.attendanceConfirmedAt)
								.value(s.attendanceConfirmedAt == null ? null : DemoScenario.ACTOR).end();
					}
				}
				run.counted("shift", copy.finish(), t1);
			}
			long t2 = System.nanoTime();
			long signupId = DemoTables.nextId(jdbc, "signup");
			try (CopyRows copy = run.copy("signup", List.of("id", "shift_id", "volunteer_id", "status",
					"signed_up_at", "queued_at", "shift_day"))) {
				for (PlannedShift s : allShifts) {
					for (int k = 0; k < s.confirmed.length; k++) {
						Instant at = s.start.minusSeconds(86_400L + 3_600L * k);
						copy.value(signupId++).value(s.id).value(volunteerBase + s.confirmed[k]).value("CONFIRMED")
								.value(at).value(at).value(s.day()).end();
					}
				}
				run.counted("signup", copy.finish(), t2);
			}
			long t3 = System.nanoTime();
			long attendanceId = DemoTables.nextId(jdbc, "attendance");
			try (CopyRows copy = run.copy("attendance", List.of("id", "shift_id", "volunteer_id",
					"checked_in_at", "check_in_method", "check_in_by", "check_in_reason", "checked_out_at",
					"check_out_method", "check_out_by", "check_out_reason", "auto_checked_out", "counted", "shift_day"))) {
				for (PlannedShift s : allShifts) {
					for (int k = 0; k < s.confirmed.length; k++) {
						if (!s.came[k]) {
							continue;
						}
						copy.value(attendanceId++).value(s.id).value(volunteerBase + s.confirmed[k])
								.value(s.start.plusSeconds(60L * s.inOffset[k])).value("STAFF").value(DemoScenario.ACTOR)
								.value("集中签到").value(s.end.plusSeconds(60L * s.outOffset[k])).value("STAFF")
								.value(DemoScenario.ACTOR).value("集中签退").value(false).value(true).value(s.day()).end();
					}
				}
				run.counted("attendance", copy.finish(), t3);
			}
		}
	}
}
