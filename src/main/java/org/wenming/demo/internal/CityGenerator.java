package org.wenming.demo.internal;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.account.AccountRefusedException;
import org.wenming.account.AccountRegistration;
import org.wenming.casework.CaseHistoryReplay;
import org.wenming.casework.CaseHistoryReplay.Action;
import org.wenming.casework.CaseHistoryReplay.Step;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseStatus;
import org.wenming.demo.DemoFigures;
import org.wenming.demo.DemoRefusedException;
import org.wenming.demo.DemoScale;
import org.wenming.casework.CaseStatisticsCells;
import org.wenming.insight.InsightAggregates;
import org.wenming.ledger.LedgerBulkLoad;
import org.wenming.ledger.LedgerBulkLoad.BulkRecord;
import org.wenming.ledger.RecordKind;
import org.wenming.platform.BulkLoadWindow;
import org.wenming.region.FieldProblem;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.volunteer.CheckedVolunteer;
import org.wenming.volunteer.ResidentIdNumber;
import org.wenming.volunteer.VolunteerDraft;
import org.wenming.volunteer.VolunteerRules;
import org.wenming.volunteer.VolunteerSealing;

/**
 * Generates the Zhaoqing scenario into the database, in the caller's transaction. The order is the
 * order of dependence: demonstration sites, responsible units, teams, volunteers and memberships,
 * activities with shifts, sign-ups and attendance, the ledger (MANUAL records migrated for the years
 * before the current one, SERVICE records from this year's attendance), rectification cases, then
 * sequences, aggregates and the run's own row. Every random choice comes from one
 * {@link SplittableRandom} per step, split from the seed, so the same seed, scale and as-of day give
 * the same rows.
 */
@Component
public class CityGenerator {

	/** Demo ID numbers carry this address code: Zhaoqing (4412) with county 99, which does not exist. */
	public static final String SYNTHETIC_ADDRESS_CODE = "441299";

	/** Who the generator writes as (created_by, registered_by, recorded_by …). */
	public static final String ACTOR = "demo";

	/** The demo volunteer's username (its password is random, shown once). */
	public static final String LOGIN = "demo-volunteer";

	private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

	private static final HexFormat HEX = HexFormat.of();

	private static final DateTimeFormatter CASE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

	/** Rough 2020 census population per county (万), in the order of their codes; see docs/notes/demo.md. */
	private static final Map<String, Integer> COUNTY_POPULATION = Map.of("441202", 59, "441203", 17, "441204", 77,
			"441223", 43, "441224", 84, "441225", 39, "441226", 34, "441284", 59);

	private static final String[] PHONE_PREFIXES = { "138", "139", "137", "135", "136", "150", "151", "152", "157",
			"158", "159", "182", "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180",
			"181", "189", "177", "199", "198" };

	private static final String[] SKILLS = { "MEDICAL", "LEGAL", "COUNSELLING", "TUTORING", "PERFORMING", "PHOTO_VIDEO",
			"TRANSLATION", "DRIVING", "IT", "ENVIRONMENT", "ELDER_CARE", "EMERGENCY" };

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final VolunteerSealing sealing;

	private final LedgerBulkLoad ledger;

	private final CaseHistoryReplay cases;

	private final InsightAggregates insight;

	private final CaseStatisticsCells caseCells;

	private final AccountRegistration accounts;

	private final String cityCode;

	CityGenerator(JdbcClient jdbc, DataSource dataSource, VolunteerSealing sealing, LedgerBulkLoad ledger,
			CaseHistoryReplay cases, InsightAggregates insight, CaseStatisticsCells caseCells, AccountRegistration accounts,
			@Value("${wenming.regions.city:4412}") String cityCode) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.sealing = sealing;
		this.ledger = ledger;
		this.cases = cases;
		this.insight = insight;
		this.caseCells = caseCells;
		this.cityCode = cityCode;
	}

	/** What to generate. */
	public record Plan(DemoScale scale, long seed, LocalDate asOf, boolean alongsideExisting) {
	}

	/**
	 * @param progress told what is done, a line at a time
	 * @param afterStep called with each step's name once it is written (tests make it fail midway)
	 * @throws DemoRefusedException when the database is not one to generate into
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public DemoFigures generate(Plan plan, Consumer<String> progress, Consumer<String> afterStep) {
		Run run = new Run(plan, progress, afterStep);
		run.preconditions();
		run.step("sites", run::demonstrationSites);
		run.step("units", run::units);
		run.step("teams", run::teams);
		// millions of rows into tables the application indexes many ways: indexes and checks are made once, after
		BulkLoadWindow window = BulkLoadWindow.open(jdbc, List.of("volunteer", "volunteer_history", "team_member",
				"activity", "shift", "signup", "attendance"), List.of());
		run.step("volunteers", run::volunteers);
		run.step("members", run::members);
		run.step("activities", run::activities);
		run.step("indexes", window::restore);
		run.step("ledger", run::ledgerRecords);
		run.step("cases", run::cases);
		run.step("finish", run::finish);
		return run.figures();
	}

	// ------------------------------------------------------------------------------------------------------

	private record County(String code, String name, String path, int population, List<Integer> towns) {
	}

	private record Town(String code, String name, String path, int county, List<Integer> villages) {
	}

	private record Village(String code, String name, String path, int town, int county) {
	}

	private record Site(long id, String regionCode, String path, String kind, String name) {
	}

	private record TeamRow(long id, String name, String regionPath, int county) {
	}

	private record Unit(long id, String name) {
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

		Instant attendanceConfirmedAt;
	}

	private final class Run {

		final Plan plan;

		final DemoScale scale;

		final Consumer<String> progress;

		final Consumer<String> afterStep;

		final long started = System.nanoTime();

		final Instant startedAt = Instant.now();

		final MessageDigest digest;

		final Connection connection;

		final Map<String, Long> rows = new LinkedHashMap<>();

		final int currentYear;

		final int referenceYear;

		final LocalDate firstDay;

		final LocalDate goLive;

		final long today;

		// the city
		final List<County> counties = new ArrayList<>();

		final List<Town> towns = new ArrayList<>();

		final List<Village> villages = new ArrayList<>();

		final Map<String, Site> siteByRegion = new HashMap<>();

		final Map<String, Integer> villageByCode = new HashMap<>();

		int demonstrationSites;

		// units by county and purpose
		final Map<String, Unit> units = new HashMap<>();

		// teams
		final List<TeamRow> teams = new ArrayList<>();

		int practiceTeams;

		long[] townBranch;

		long[] countyCorps;

		long[] countyLectureTeam;

		final Map<Integer, List<Long>> villageSquads = new HashMap<>();

		final Map<Integer, List<Long>> countyOtherTeams = new HashMap<>();

		final Map<Long, TeamRow> teamById = new HashMap<>();

		// volunteers (index i has id volunteerBase + i)
		long volunteerBase;

		int[] home;

		int[] registered;

		long[] primaryTeam;

		long[] secondTeam;

		float[] activity;

		int[] lastDay;

		final Map<Integer, List<Integer>> byCounty = new HashMap<>();

		// activities
		final List<PlannedActivity> activities = new ArrayList<>();

		int lectures;

		long lectureAudience;

		// ledger
		long records;

		BigDecimal hours = BigDecimal.ZERO;

		// cases
		int caseCount;

		long nextCaseNumber;

		final Map<String, Integer> casesFound = new LinkedHashMap<>();

		final Map<String, Integer> casesClosed = new LinkedHashMap<>();

		DemoFigures figures;

		DemoFigures.Login login;

		Run(Plan plan, Consumer<String> progress, Consumer<String> afterStep) {
			this.plan = plan;
			this.scale = plan.scale();
			this.progress = progress;
			this.afterStep = afterStep;
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
			this.connection = DataSourceUtils.getConnection(dataSource);
			this.currentYear = plan.asOf().getYear();
			this.referenceYear = currentYear - 1;
			this.firstDay = LocalDate.of(currentYear - scale.historyYears(), 1, 1);
			this.goLive = LocalDate.of(currentYear, 1, 1);
			this.today = plan.asOf().toEpochDay();
		}

		SplittableRandom random(String step) {
			// one stream per step: a change in one step's draws does not move another step's rows
			return new SplittableRandom(plan.seed() * 0x9E3779B97F4A7C15L + step.hashCode());
		}

		void step(String name, Runnable body) {
			long t0 = System.nanoTime();
			body.run();
			progress.accept(String.format("  %-11s done in %,d ms (%,d ms elapsed)", name,
					(System.nanoTime() - t0) / 1_000_000, (System.nanoTime() - started) / 1_000_000));
			afterStep.accept(name);
		}

		void counted(String table, long count, long t0) {
			rows.merge(table, count, Long::sum);
			long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
			progress.accept(String.format("    %-22s %,12d rows  %,10d rows/s", table, count, count * 1000 / ms));
		}

		Instant at(LocalDate day, int minuteOfDay) {
			return day.atTime(LocalTime.MIDNIGHT).plusMinutes(minuteOfDay).atZone(CityTime.ZONE).toInstant();
		}

		// ---- preconditions ------------------------------------------------------------------------------

		void preconditions() {
			jdbc.sql("select pg_advisory_xact_lock(4412006)").query((rs, n) -> 1).list();
			cityPath();
			cityName = jdbc.sql("select name from region where code = :code").param("code", cityCode)
					.query(String.class).single();
			Long runs = jdbc.sql("select count(*) from demo_run").query(Long.class).single();
			if (runs > 0) {
				throw new DemoRefusedException("database", "demo.refused.exists");
			}
			Long volunteers = jdbc.sql("select count(*) from volunteer").query(Long.class).single();
			if (volunteers > 0 && !plan.alongsideExisting()) {
				throw new DemoRefusedException("database", "demo.refused.volunteers", volunteers);
			}
			jdbc.sql("""
					select code, name, level, path from region
					where path >= :lower and path < :upper and level between 3 and 5 order by path""")
					.param("lower", cityPath()).param("upper", upper(cityPath())).query((rs, n) -> {
						int level = rs.getInt("level");
						String code = rs.getString("code");
						if (level == 3) {
							counties.add(new County(code, rs.getString("name"), rs.getString("path"),
									COUNTY_POPULATION.getOrDefault(code, 40), new ArrayList<>()));
						}
						else if (level == 4 && !counties.isEmpty()) {
							counties.get(counties.size() - 1).towns().add(towns.size());
							towns.add(new Town(code, rs.getString("name"), rs.getString("path"), counties.size() - 1,
									new ArrayList<>()));
						}
						else if (level == 5 && !towns.isEmpty()) {
							Town town = towns.get(towns.size() - 1);
							town.villages().add(villages.size());
							villageByCode.put(code, villages.size());
							villages.add(new Village(code, rs.getString("name"), rs.getString("path"), towns.size() - 1,
									town.county()));
						}
						return 1;
					}).list();
			if (counties.isEmpty() || villages.isEmpty()) {
				throw new DemoRefusedException("database", "demo.refused.regions", cityCode);
			}
			jdbc.sql("""
					select id, region_code, region_path, kind, name from practice_site
					where region_path >= :lower and region_path < :upper and kind in ('CENTRE', 'INSTITUTE', 'STATION')""")
					.param("lower", cityPath()).param("upper", upper(cityPath()))
					.query((rs, n) -> new Site(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5)))
					.list().forEach(s -> siteByRegion.put(s.regionCode(), s));
			if (siteByRegion.isEmpty()) {
				throw new DemoRefusedException("database", "demo.refused.network", cityCode);
			}
			// nobody else writes these tables while the city is loaded, so the ids taken here stay free
			jdbc.sql("""
					lock table team, team_member, volunteer, volunteer_history, activity, shift, signup, attendance,
					    responsible_unit, rectification_case, case_event in share row exclusive mode""").update();
			progress.accept(String.format("  city %s: %d counties, %d towns, %d villages, %d practice sites", cityCode,
					counties.size(), towns.size(), villages.size(), siteByRegion.size()));
		}

		String cityPath;

		/** The city's own name (肇庆市), for the city-wide teams. */
		String cityName;

		String cityPath() {
			if (cityPath != null) {
				return cityPath;
			}
			return cityPath = jdbc.sql("select path from region where code = :code").param("code", cityCode).query(String.class)
					.optional().orElseThrow(() -> new DemoRefusedException("database", "demo.refused.regions", cityCode));
		}

		long nextId(String table) {
			return jdbc.sql("select coalesce(max(id), 0) + 1 from " + table).query(Long.class).single();
		}

		// ---- practice network --------------------------------------------------------------------------

		/** About 200 demonstration sites (示范点): every county centre, then institutes and stations by draw. */
		void demonstrationSites() {
			SplittableRandom random = random("sites");
			List<Long> chosen = new ArrayList<>();
			List<Site> all = siteByRegion.values().stream()
					.sorted(java.util.Comparator.comparing(Site::path)).toList();
			for (Site s : all) {
				boolean pick = switch (s.kind()) {
					case "CENTRE" -> true;
					case "INSTITUTE" -> random.nextInt(100) < 50;
					default -> random.nextInt(1000) < 85;
				};
				if (pick && chosen.size() < 205) {
					chosen.add(s.id());
					digest.update(Long.toString(s.id()).getBytes());
				}
			}
			jdbc.sql("""
					update practice_site set demonstration = true, updated_at = now(), updated_by = :by,
					    version = version + 1
					where id in (:ids) and not demonstration""")
					.param("by", ACTOR).param("ids", chosen).update();
			demonstrationSites = jdbc.sql("""
					select count(*) from practice_site where demonstration and region_path >= :lower and region_path < :upper""")
					.param("lower", cityPath()).param("upper", upper(cityPath())).query(Integer.class).single();
			progress.accept("    demonstration sites  " + demonstrationSites);
		}

		// ---- responsible units --------------------------------------------------------------------------

		void units() {
			long t0 = System.nanoTime();
			int added = 0;
			// ids taken here rather than from the sequence, so a rolled-back run gives the next one the same ids
			long next = nextId("responsible_unit");
			for (County c : counties) {
				String[][] kinds = { { "URBAN", c.name() + "城市管理和综合执法局", "BUREAU" },
						{ "HOUSING", c.name() + "住房和城乡建设局", "BUREAU" },
						{ "TRAFFIC", c.name() + "交通运输局", "BUREAU" },
						{ "POWER", "广东电网" + c.name() + "供电局", "UTILITY" },
						{ "TELECOM", "中国电信" + c.name() + "分公司", "UTILITY" } };
				for (String[] k : kinds) {
					int inserted = jdbc.sql("""
							insert into responsible_unit (id, name, kind, region_code, region_path, updated_by)
							values (:id, :name, :kind, :code, :path, :by) on conflict (name) do nothing""")
							.param("id", next).param("name", k[1]).param("kind", k[2]).param("code", c.code()).param("path", c.path())
							.param("by", ACTOR).update();
					added += inserted;
					next += inserted;
					long id = jdbc.sql("select id from responsible_unit where name = :name").param("name", k[1])
							.query(Long.class).single();
					units.put(c.code() + ":" + k[0], new Unit(id, k[1]));
					digest.update(k[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
				}
			}
			counted("responsible_unit", added, t0);
		}

		// ---- teams --------------------------------------------------------------------------------------

		void teams() {
			long t0 = System.nanoTime();
			SplittableRandom random = random("teams");
			long id = nextId("team");
			Instant created = at(firstDay, 9 * 60);
			townBranch = new long[towns.size()];
			countyCorps = new long[counties.size()];
			countyLectureTeam = new long[counties.size()];
			String[][] otherTypes = { { "PROFESSIONAL", "医疗卫生" }, { "YOUTH", "青年" }, { "ENTERPRISE", "企业" },
					{ "COMMUNITY", "巾帼" }, { "OTHER", "文明交通" } };
			try (CopyRows copy = new CopyRows(connection, "team", List.of("id", "name", "parent_id", "level", "type",
					"region_code", "region_path", "practice_site_id", "contact_name", "contact_phone", "description",
					"status", "created_at", "updated_at", "updated_by", "version"), digest)) {
				for (int c = 0; c < counties.size(); c++) {
					County county = counties.get(c);
					Site centre = siteByRegion.get(county.code());
					countyCorps[c] = id;
					team(copy, id++, county.name() + "新时代文明实践志愿服务总队", null, "CORPS", "PRACTICE", county.code(),
							county.path(), centre, c, created, random, true);
					countyLectureTeam[c] = id;
					team(copy, id++, county.name() + "百姓宣讲团", countyCorps[c], "BRANCH", "PRACTICE", county.code(),
							county.path(), centre, c, created, random, true);
					for (int t : county.towns()) {
						Town town = towns.get(t);
						townBranch[t] = id;
						team(copy, id++, town.name() + "新时代文明实践志愿服务支队", countyCorps[c], "BRANCH", "PRACTICE",
								town.code(), town.path(), siteByRegion.get(town.code()), c, created, random, true);
					}
				}
				// village squads (分队): one per village, and a second (巾帼, 青年 …) in about two villages of three,
				// so that the county-level practice teams come to the newspaper's 2,742 at full scale
				String[] second = { "巾帼", "青年", "关爱", "护河", "敬老" };
				for (int v = 0; v < villages.size(); v++) {
					Village village = villages.get(v);
					int squads = 1 + (random.nextInt(1000) < 674 ? 1 : 0);
					for (int s = 0; s < squads; s++) {
						if (random.nextDouble() >= scale.squadShare()) {
							continue;
						}
						String name = shortVillage(village.name()) + (s == 0 ? "" : second[random.nextInt(second.length)])
								+ "志愿服务分队";
						villageSquads.computeIfAbsent(v, k -> new ArrayList<>()).add(id);
						team(copy, id++, name, townBranch[village.town()], "SQUAD", "PRACTICE", village.code(),
								village.path(), siteByRegion.get(village.code()), village.county(), created, random, true);
					}
				}
				// other teams: a city corps per kind, a branch per county, squads under it
				String cityPath = cityPath();
				for (String[] kind : otherTypes) {
					long corps = id;
					team(copy, id++, cityName + kind[1] + "志愿服务总队", null, "CORPS", kind[0], cityCode, cityPath, null,
							-1, created, random, false);
					for (int c = 0; c < counties.size(); c++) {
						County county = counties.get(c);
						long branch = id;
						team(copy, id++, county.name() + kind[1] + "志愿服务支队", corps, "BRANCH", kind[0], county.code(),
								county.path(), null, c, created, random, false);
						countyOtherTeams.computeIfAbsent(c, k -> new ArrayList<>()).add(branch);
						int squads = (int) Math.round(56 * scale.squadShare());
						for (int s = 1; s <= squads; s++) {
							Town town = towns.get(county.towns().get(random.nextInt(county.towns().size())));
							long squad = id;
							team(copy, id++, town.name() + kind[1] + "志愿服务第" + s + "分队", branch, "SQUAD", kind[0],
									town.code(), town.path(), null, c, created, random, false);
							countyOtherTeams.get(c).add(squad);
						}
					}
				}
				counted("team", copy.finish(), t0);
			}
		}

		private void team(CopyRows copy, long id, String name, Long parent, String level, String type, String regionCode,
				String regionPath, Site site, int county, Instant created, SplittableRandom random, boolean practice) {
			String contact = ChineseNames.name(random, random.nextBoolean());
			copy.value(id).value(name).value(parent).value(level).value(type).value(regionCode).value(regionPath)
					.value(site == null ? null : site.id()).value(contact)
					.value("0758-" + (2_000_000 + random.nextInt(7_000_000))).value(null).value("ACTIVE")
					.value(created).value(created).value(ACTOR).value(0).end();
			TeamRow row = new TeamRow(id, name, regionPath, county);
			teams.add(row);
			teamById.put(id, row);
			if (practice) {
				practiceTeams++;
			}
		}

		// ---- volunteers ----------------------------------------------------------------------------------

		void volunteers() {
			long t0 = System.nanoTime();
			SplittableRandom random = random("volunteers");
			int n = scale.volunteers();
			volunteerBase = nextId("volunteer");
			home = new int[n];
			registered = new int[n];
			primaryTeam = new long[n];
			secondTeam = new long[n];
			activity = new float[n];
			lastDay = new int[n];
			int[] villageWeights = villageWeights();
			Map<Long, Integer> idSequence = new HashMap<>();
			Set<Long> numbers = new HashSet<>(n * 2);
			Set<String> skillCodes = Set.of(SKILLS);
			String consentVersion = sealing.privacyNoticeVersion();
			try (CopyRows copy = new CopyRows(connection, "volunteer", List.of("id", "volunteer_number", "real_name",
					"name_initials", "id_type", "id_number_cipher", "id_number_hash", "id_number_masked", "phone_cipher",
					"phone_hash", "phone_masked", "phone_last4", "key_id", "gender", "birth_date", "region_code",
					"region_path", "skills", "availability", "emergency_name", "emergency_phone_cipher",
					"emergency_phone_masked", "guardian_name", "guardian_relation", "guardian_phone_cipher",
					"guardian_phone_masked", "guardian_consent_at", "consent_version", "consent_at", "status",
					"registered_by", "created_at", "updated_at", "show_publicly"), digest)) {
				for (int i = 0; i < n; i++) {
					int v = pick(villageWeights, random);
					Village village = villages.get(v);
					home[i] = v;
					boolean male = random.nextInt(100) < 46;
					LocalDate birth = birthDate(random);
					String idNumber = idNumber(birth, male, idSequence);
					birth = LocalDate.parse(idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-"
							+ idNumber.substring(12, 14));
					int age = java.time.Period.between(birth, plan.asOf()).getYears();
					String surname = ChineseNames.surname(random);
					String name = surname + ChineseNames.given(random, male);
					String phone = phone(i);
					boolean minor = age < VolunteerRules.ADULT_AGE;
					boolean father = random.nextBoolean();
					String guardianName = minor ? surname + ChineseNames.given(random, father) : null;
					String guardianPhone = minor ? phone(n + i) : null;
					boolean emergency = !minor && random.nextInt(100) < 40;
					List<String> skills = new ArrayList<>();
					int skillCount = random.nextInt(100) < 60 ? 0 : 1 + random.nextInt(2);
					for (int s = 0; s < skillCount; s++) {
						String skill = SKILLS[random.nextInt(SKILLS.length)];
						if (!skills.contains(skill)) {
							skills.add(skill);
						}
					}
					VolunteerDraft draft = new VolunteerDraft(name, "RESIDENT_ID", idNumber, phone, null, null,
							village.code(), skills, random.nextInt(100) < 30 ? "周末" : null,
							emergency ? ChineseNames.name(random, random.nextBoolean()) : null,
							emergency ? phone(2 * n + i) : null, guardianName, minor ? (father ? "父亲" : "母亲") : null,
							guardianPhone, minor ? "true" : null, "true");
					VolunteerRules.Result checked = VolunteerRules.check(draft, plan.asOf(),
							code -> code.equals(cityCode.substring(0, 4)), skillCodes);
					if (!checked.ok()) {
						// the generator's own defect: the application would refuse this row
						throw new IllegalStateException("generated volunteer " + i + " is refused: "
								+ checked.problems().stream().map(FieldProblem::toString).toList());
					}
					CheckedVolunteer cv = checked.volunteer();
					VolunteerSealing.SealedVolunteer sealed = sealing.seal(cv);
					String number;
					do {
						number = VolunteerSealing.volunteerNumber(cityCode, random);
					}
					while (!numbers.add(Long.parseLong(number.substring(4), 36)));
					int reg = registrationDay(birth, random);
					registered[i] = reg;
					Instant consentAt = at(LocalDate.ofEpochDay(reg), 8 * 60 + random.nextInt(12 * 60));
					activity[i] = random.nextInt(100) < 18 ? 0f : (float) Math.pow(-Math.log(1 - random.nextDouble()), 1.6);
					lastDay[i] = Integer.MIN_VALUE;
					byCounty.computeIfAbsent(village.county(), k -> new ArrayList<>()).add(i);
					copy.value(volunteerBase + i).value(number).value(cv.realName()).value(sealed.nameInitials())
							.value(cv.idType().name()).sealed(sealed.idCipher()).sealed(sealed.idHash())
							.value(sealed.idMasked()).sealed(sealed.phoneCipher()).sealed(sealed.phoneHash())
							.value(sealed.phoneMasked()).value(sealed.phoneLast4()).value(sealed.keyId())
							.value(cv.gender().name()).value(cv.birthDate()).value(village.code()).value(village.path())
							.codes(cv.skills()).value(cv.availability()).value(cv.emergencyName())
							.sealed(sealed.emergencyPhoneCipher()).value(sealed.emergencyPhoneMasked())
							.value(cv.guardianName()).value(cv.guardianRelation()).sealed(sealed.guardianPhoneCipher())
							.value(sealed.guardianPhoneMasked()).value(cv.guardianConsent() ? consentAt : null)
							.value(consentVersion).value(consentAt).value("ACTIVE").value(ACTOR).value(consentAt)
							.value(consentAt)
							// one adult in four also consented to be named on the public top lists (a separate consent)
							.value(!minor && i % 4 == 0).end();
					if ((i + 1) % 100_000 == 0) {
						progress.accept(String.format("    volunteers %,d of %,d", i + 1, n));
					}
				}
				counted("volunteer", copy.finish(), t0);
			}
			long t1 = System.nanoTime();
			long historyBase = nextId("volunteer_history");
			int history = jdbc.sql("""
					insert into volunteer_history (id, volunteer_id, occurred_at, action, actor, detail)
					select :base + (id - :first), id, created_at, 'REGISTERED', :actor, null from volunteer
					where id >= :first and id < :first + :n""")
					.param("base", historyBase).param("first", volunteerBase).param("n", n).param("actor", ACTOR)
					.update();
			counted("volunteer_history", history, t1);
		}

		/** Whose key_id column: the sealed helper names it; written as text, not as bytes. */
		private int[] villageWeights() {
			// a county's population spread evenly over its villages (town seats are not singled out)
			int[] weights = new int[villages.size()];
			for (int v = 0; v < villages.size(); v++) {
				County county = counties.get(villages.get(v).county());
				int villagesInCounty = county.towns().stream().mapToInt(t -> towns.get(t).villages().size()).sum();
				weights[v] = Math.max(1, county.population() * 100_000 / Math.max(1, villagesInCounty));
			}
			int sum = 0;
			for (int v = 0; v < weights.length; v++) {
				sum += weights[v];
				weights[v] = sum;
			}
			return weights;
		}

		private int pick(int[] cumulative, SplittableRandom random) {
			int r = random.nextInt(cumulative[cumulative.length - 1]);
			int lo = 0;
			int hi = cumulative.length - 1;
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				if (cumulative[mid] > r) {
					hi = mid;
				}
				else {
					lo = mid + 1;
				}
			}
			return lo;
		}

		/** Ages: 5 % minors (10-17), then young adults, the middle-aged and the retired. */
		private LocalDate birthDate(SplittableRandom random) {
			int p = random.nextInt(100);
			int age = p < 5 ? 10 + random.nextInt(8) : p < 35 ? 18 + random.nextInt(13) : p < 65 ? 31 + random.nextInt(15)
					: p < 87 ? 46 + random.nextInt(15) : 61 + random.nextInt(15);
			return plan.asOf().minusYears(age).minusDays(1 + random.nextInt(364));
		}

		/**
		 * GB 11643: address code 441299 (no such county: clearly synthetic), the birth date, a sequence
		 * that is odd for men and counts up per birth date, and the MOD 11-2 check character.
		 */
		private String idNumber(LocalDate birth, boolean male, Map<Long, Integer> sequences) {
			LocalDate day = birth;
			while (true) {
				long key = day.toEpochDay() * 2 + (male ? 1 : 0);
				int k = sequences.merge(key, 1, Integer::sum) - 1;
				if (k < 500) {
					String first17 = SYNTHETIC_ADDRESS_CODE + day.format(DateTimeFormatter.BASIC_ISO_DATE)
							+ String.format("%03d", 2 * k + (male ? 1 : 0));
					return first17 + ResidentIdNumber.checkCode(first17);
				}
				day = day.minusDays(1);
			}
		}

		/** A distinct mobile number per index: a prefix, then 8 digits by a bijection of the index. */
		private String phone(long index) {
			String prefix = PHONE_PREFIXES[(int) (index % PHONE_PREFIXES.length)];
			long rest = ((index / PHONE_PREFIXES.length) * 7_919_111L + plan.seed() % 100_000_000L + 13_579_246L)
					% 100_000_000L;
			return prefix + String.format("%08d", rest);
		}

		private int registrationDay(LocalDate birth, SplittableRandom random) {
			long span = today - firstDay.toEpochDay();
			long day = firstDay.toEpochDay() + (long) (span * Math.pow(random.nextDouble(), 0.7));
			long earliest = birth.plusYears(10).toEpochDay();
			if (day < earliest) {
				day = Math.min(today, earliest + random.nextInt(365));
			}
			return (int) Math.min(day, today);
		}

		// ---- team membership -----------------------------------------------------------------------------

		void members() {
			long t0 = System.nanoTime();
			SplittableRandom random = random("members");
			long id = nextId("team_member");
			try (CopyRows copy = new CopyRows(connection, "team_member", List.of("id", "team_id", "volunteer_id",
					"status", "applied_at", "decided_at", "decided_by"), digest)) {
				for (int i = 0; i < home.length; i++) {
					Village village = villages.get(home[i]);
					List<Long> squads = villageSquads.get(home[i]);
					long team = squads != null ? squads.get(random.nextInt(squads.size())) : townBranch[village.town()];
					primaryTeam[i] = team;
					Instant joined = at(LocalDate.ofEpochDay(registered[i]), 18 * 60 + random.nextInt(240));
					copy.value(id++).value(team).value(volunteerBase + i).value("MEMBER").value(joined)
							.value(joined.plusSeconds(3600 + random.nextInt(86_400))).value(ACTOR).end();
					if (random.nextInt(100) < 15) {
						List<Long> others = countyOtherTeams.get(village.county());
						long other = others.get(random.nextInt(others.size()));
						secondTeam[i] = other;
						copy.value(id++).value(other).value(volunteerBase + i).value("MEMBER").value(joined)
								.value(joined.plusSeconds(7200 + random.nextInt(86_400))).value(ACTOR).end();
					}
				}
				counted("team_member", copy.finish(), t0);
			}
		}

		// ---- activities ----------------------------------------------------------------------------------

		void activities() {
			SplittableRandom random = random("activities");
			long activityId = nextId("activity");
			long shiftId = nextId("shift");
			// lectures of the reference year: exactly the figure, their audience adding up exactly
			int[] audience = split(scale.lectureAudience(), scale.lectures(), random);
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
			activities.sort(java.util.Comparator.comparing((PlannedActivity a) -> a.shifts.get(0).start));
			// statuses, sign-ups and attendance in time order, so nobody is on two shifts a day
			List<PlannedShift> allShifts = new ArrayList<>();
			for (PlannedActivity a : activities) {
				a.id = activityId++;
				Instant first = a.shifts.get(0).start;
				Instant last = a.shifts.get(a.shifts.size() - 1).end;
				a.createdAt = first.minusSeconds(86_400L * (3 + random.nextInt(20)));
				a.publishedAt = a.createdAt.plusSeconds(3600);
				boolean past = last.isBefore(at(plan.asOf(), 0));
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
					boolean inApp = !s.start.isBefore(at(goLive, 0));
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
			County county = counties.get(c);
			a.county = c;
			a.type = "LECTURE";
			String[] settings = { "ENTERPRISE", "VILLAGE", "GOVERNMENT", "CAMPUS", "COMMUNITY", "ONLINE" };
			int[] weights = { 15, 30, 12, 15, 23, 5 };
			a.lectureSetting = settings[weighted(weights, random)];
			a.lectureTeamId = countyLectureTeam[c];
			String[] topics = { "党的创新理论", "文明新风", "移风易俗", "法治宣传", "乡村振兴", "垃圾分类", "反诈防骗", "健康生活" };
			String[] where = { "进企业", "进农村", "进机关", "进校园", "进社区", "进网络" };
			a.title = topics[random.nextInt(topics.length)] + "宣讲" + where[List.of(settings).indexOf(a.lectureSetting)];
			a.organizerTeamId = countyLectureTeam[c];
			TeamRow team = teamById.get(a.organizerTeamId);
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
			County county = counties.get(c);
			a.county = c;
			String[] types = { "SERVICE", "MARKET", "COURSE", "CAMPAIGN" };
			a.type = types[weighted(new int[] { 60, 12, 10, 18 }, random)];
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
				Site site = siteByRegion.get(a.regionCode);
				a.organizerSiteId = site.id();
				a.organizationName = site.name();
				a.organizationPath = site.path();
			}
			else {
				Integer index = villageByCode.get(a.regionCode);
				Village village = index == null ? null : villages.get(index);
				List<Long> squads = index == null ? null : villageSquads.get(index);
				long team = squads != null ? squads.get(0)
						: village != null ? townBranch[village.town()] : countyCorps[c];
				a.organizerTeamId = team;
				a.organizationName = teamById.get(team).name();
				a.organizationPath = teamById.get(team).regionPath();
			}
			int shifts = random.nextInt(100) < 70 ? 1 : 2;
			int start = 8 * 60 + 30 * random.nextInt(14);
			for (int s = 0; s < shifts; s++) {
				shift(a, day.plusDays(s), start, 120 + 30 * random.nextInt(5), 10 + random.nextInt(31));
			}
			return a;
		}

		/** At a village station (or a town institute), in the county. */
		private void place(PlannedActivity a, County county, SplittableRandom random) {
			Town town = towns.get(county.towns().get(random.nextInt(county.towns().size())));
			Site site = null;
			String code = null;
			String path = null;
			if (!town.villages().isEmpty() && random.nextInt(100) < 75) {
				Village v = villages.get(town.villages().get(random.nextInt(town.villages().size())));
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
			s.start = at(day, startMinute);
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
			boolean past = s.end.isBefore(at(plan.asOf(), 0));
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
			try (CopyRows copy = new CopyRows(connection, "activity", List.of("id", "title", "description", "type",
					"lecture_setting", "lecture_team_id", "campaign_theme", "course_subject", "organizer_team_id",
					"organizer_site_id", "site_id", "region_code", "region_path", "requires_approval", "status",
					"cancel_reason", "audience_count", "created_by", "created_at", "updated_at", "published_at",
					"finished_at", "cancelled_at", "version", "starts_at", "ends_at"), digest)) {
				for (PlannedActivity a : activities) {
					Instant updated = a.finishedAt != null ? a.finishedAt : a.cancelledAt != null ? a.cancelledAt
							: a.publishedAt;
					copy.value(a.id).value(a.title).value(a.title + "。欢迎志愿者报名参加。").value(a.type)
							.value(a.lectureSetting).value(a.lectureTeamId).value(a.campaignTheme).value(a.courseSubject)
							.value(a.organizerTeamId).value(a.organizerSiteId).value(a.siteId).value(a.regionCode)
							.value(a.regionPath).value(false).value(a.status).value(a.cancelReason).value(a.audience)
							.value(ACTOR).value(a.createdAt).value(updated).value(a.publishedAt).value(a.finishedAt)
							.value(a.cancelledAt).value(0).value(a.shifts.get(0).start)
							.value(a.shifts.get(a.shifts.size() - 1).end).end();
				}
				counted("activity", copy.finish(), t0);
			}
			long t1 = System.nanoTime();
			try (CopyRows copy = new CopyRows(connection, "shift", List.of("id", "activity_id", "starts_at", "ends_at",
					"capacity", "confirmed_count", "attendance_confirmed_at", "attendance_confirmed_by"), digest)) {
				for (PlannedActivity a : activities) {
					for (PlannedShift s : a.shifts) {
						copy.value(s.id).value(a.id).value(s.start).value(s.end).value(s.capacity)
								.value(s.confirmed.length).value(s.attendanceConfirmedAt)
								.value(s.attendanceConfirmedAt == null ? null : ACTOR).end();
					}
				}
				counted("shift", copy.finish(), t1);
			}
			long t2 = System.nanoTime();
			long signupId = nextId("signup");
			try (CopyRows copy = new CopyRows(connection, "signup", List.of("id", "shift_id", "volunteer_id", "status",
					"signed_up_at", "queued_at"), digest)) {
				for (PlannedShift s : allShifts) {
					for (int k = 0; k < s.confirmed.length; k++) {
						Instant at = s.start.minusSeconds(86_400L + 3_600L * k);
						copy.value(signupId++).value(s.id).value(volunteerBase + s.confirmed[k]).value("CONFIRMED")
								.value(at).value(at).end();
					}
				}
				counted("signup", copy.finish(), t2);
			}
			long t3 = System.nanoTime();
			long attendanceId = nextId("attendance");
			try (CopyRows copy = new CopyRows(connection, "attendance", List.of("id", "shift_id", "volunteer_id",
					"checked_in_at", "check_in_method", "check_in_by", "check_in_reason", "checked_out_at",
					"check_out_method", "check_out_by", "check_out_reason", "auto_checked_out", "counted"), digest)) {
				for (PlannedShift s : allShifts) {
					for (int k = 0; k < s.confirmed.length; k++) {
						if (!s.came[k]) {
							continue;
						}
						copy.value(attendanceId++).value(s.id).value(volunteerBase + s.confirmed[k])
								.value(s.start.plusSeconds(60L * s.inOffset[k])).value("STAFF").value(ACTOR)
								.value("集中签到").value(s.end.plusSeconds(60L * s.outOffset[k])).value("STAFF")
								.value(ACTOR).value("集中签退").value(false).value(true).end();
					}
				}
				counted("attendance", copy.finish(), t3);
			}
		}

		// ---- the ledger ----------------------------------------------------------------------------------

		/**
		 * MANUAL records for the years before the current one, migrated from paper sign-in sheets (the
		 * older years) and the previous system, at most one a day per volunteer; then one SERVICE record
		 * per attendance of this year, as the ledger credits confirmed attendance.
		 */
		void ledgerRecords() {
			long t0 = System.nanoTime();
			long service = 0;
			for (PlannedActivity a : activities) {
				for (PlannedShift s : a.shifts) {
					for (boolean came : s.came) {
						service += came ? 1 : 0;
					}
				}
			}
			long manualTarget = Math.max(0, scale.records() - service);
			int goLiveDay = (int) goLive.toEpochDay();
			int first = (int) firstDay.toEpochDay();
			double weightSum = 0;
			for (int i = 0; i < home.length; i++) {
				weightSum += activity[i] * Math.max(0, goLiveDay - Math.max(first, registered[i]));
			}
			double perWeight = weightSum == 0 ? 0 : manualTarget / weightSum;
			SplittableRandom random = random("ledger");
			Instant migratedAt = at(goLive, 2 * 60);
			final long serviceCount = service;
			LedgerBulkLoad.Loaded loaded = ledger.loadLarge(append -> {
				for (int i = 0; i < home.length; i++) {
					int from = Math.max(first, registered[i]);
					int span = goLiveDay - from;
					if (span <= 0) {
						continue;
					}
					double expected = activity[i] * span * perWeight;
					int count = (int) expected + (random.nextDouble() < expected - (int) expected ? 1 : 0);
					count = Math.min(count, span);
					if (count == 0) {
						continue;
					}
					int[] days = distinctDays(random, from, span, count);
					TeamRow team = teamById.get(secondTeam[i] != 0 && random.nextInt(4) == 0 ? secondTeam[i]
							: primaryTeam[i]);
					for (int day : days) {
						LocalDate date = LocalDate.ofEpochDay(day);
						int steps = Math.min(16, 2 + (int) (-Math.log(1 - random.nextDouble()) * 4.75));
						BigDecimal h = ledger.roundHours(BigDecimal.valueOf(steps * 5L, 1));
						Instant start = at(date, 8 * 60 + 30 * random.nextInt(16));
						String[] kinds = { "SERVICE", "SERVICE", "SERVICE", "CAMPAIGN", "MARKET", "COURSE", "LECTURE" };
						String type = kinds[random.nextInt(kinds.length)];
						String reason = date.getYear() <= currentYear - 4 ? "迁移自纸质签到表" : "迁移自原志愿服务信息系统";
						append.append(new BulkRecord(RecordKind.MANUAL, volunteerBase + i, null, null, type,
								title(type, random), OffsetDateTime.ofInstant(start, ZoneOffset.UTC),
								OffsetDateTime.ofInstant(start.plusSeconds(steps * 1800L), ZoneOffset.UTC), h, "TEAM",
								team.id(), team.name(), team.regionPath(), "migration", "migration", reason,
								OffsetDateTime.ofInstant(migratedAt, ZoneOffset.UTC)));
					}
				}
				for (PlannedActivity a : activities) {
					for (PlannedShift s : a.shifts) {
						for (int k = 0; k < s.confirmed.length; k++) {
							if (!s.came[k]) {
								continue;
							}
							Instant in = s.start.plusSeconds(60L * s.inOffset[k]);
							Instant out = s.end.plusSeconds(60L * s.outOffset[k]);
							append.append(new BulkRecord(RecordKind.SERVICE, volunteerBase + s.confirmed[k], a.id, s.id,
									a.type, a.title, OffsetDateTime.ofInstant(in, ZoneOffset.UTC),
									OffsetDateTime.ofInstant(out, ZoneOffset.UTC), ledger.round(in, out),
									a.organizerTeamId != null ? "TEAM" : "SITE",
									a.organizerTeamId != null ? a.organizerTeamId : a.organizerSiteId,
									a.organizationName, a.organizationPath, ACTOR, ACTOR, null,
									OffsetDateTime.ofInstant(s.attendanceConfirmedAt, ZoneOffset.UTC)));
						}
					}
				}
			});
			records = loaded.records();
			hours = loaded.hours();
			digest.update(Long.toString(loaded.records()).getBytes());
			digest.update(loaded.hours().toPlainString().getBytes());
			byte[] head = jdbc.sql("select last_hash from ledger_head").query(byte[].class).single();
			digest.update(head);
			counted("service_record", loaded.records(), t0);
			progress.accept(String.format("    %,d SERVICE records from attendance, %,d MANUAL migrated; %s hours",
					serviceCount, loaded.records() - serviceCount, loaded.hours().toPlainString()));
			progress.accept(String.format("    COPY %,d ms (of which waiting for the database %,d ms), totals %,d ms,"
					+ " indexes and checks %,d ms", loaded.copyMillis(), loaded.sendingMillis(), loaded.totalsMillis(),
					loaded.indexMillis()));
		}

		private int[] distinctDays(SplittableRandom random, int from, int span, int count) {
			if (count * 3 > span) {
				// dense: walk the span and keep each day with the right probability
				int[] days = new int[count];
				int kept = 0;
				for (int d = 0; d < span && kept < count; d++) {
					if (random.nextInt(span - d) < count - kept) {
						days[kept++] = from + d;
					}
				}
				return java.util.Arrays.copyOf(days, kept);
			}
			Set<Integer> chosen = new java.util.TreeSet<>();
			while (chosen.size() < count) {
				chosen.add(from + random.nextInt(span));
			}
			return chosen.stream().mapToInt(Integer::intValue).toArray();
		}

		private String title(String type, SplittableRandom random) {
			return switch (type) {
				case "CAMPAIGN" -> "我们的节日主题活动";
				case "MARKET" -> "志愿服务集市";
				case "COURSE" -> "公益课堂";
				case "LECTURE" -> "理论宣讲";
				default -> new String[] { "社区环境清洁志愿服务", "关爱空巢老人走访", "文明交通劝导", "河道巡护" }[random.nextInt(4)];
			};
		}

		// ---- rectification cases --------------------------------------------------------------------------

		/** category, found, closed, unit, open statuses for the rest */
		private record CasePlan(String category, int found, int closed, String unit, boolean rejectSome) {
		}

		void cases() {
			long t0 = System.nanoTime();
			SplittableRandom random = random("cases");
			int d = scale.caseDivisor();
			List<CasePlan> plans = List.of(new CasePlan("OVERHEAD_CABLES", 2047 / d, 1912 / d, "TELECOM", false),
					new CasePlan("OLD_COMPOUND", 759 / d, 736 / d, "HOUSING", false),
					new CasePlan("BACK_ALLEY", 242 / d, 242 / d, "HOUSING", false),
					new CasePlan("PUBLIC_TOILET", Math.max(1, 7 / d), Math.max(1, 7 / d), "URBAN", false),
					new CasePlan("BARRIER_FREE", 71 / d, 71 / d, "HOUSING", false),
					new CasePlan("SANITATION", 640 / d, 560 / d, "URBAN", true),
					new CasePlan("TRAFFIC_ORDER", 310 / d, 270 / d, "TRAFFIC", true),
					new CasePlan("BUILDING_FACADE", 150 / d, 126 / d, "URBAN", true),
					new CasePlan("PUBLIC_BEHAVIOUR", 260 / d, 228 / d, "URBAN", true));
			long caseId = nextId("rectification_case");
			long eventId = nextId("case_event");
			// past every number given so far (read from the rows, so a rolled-back run does not move it)
			long number = jdbc.sql("""
					select coalesce(max(cast(substring(case_number from '[0-9]+$') as bigint)), 0) + 1
					from rectification_case""").query(Long.class).single();
			int[] villageWeights = villageWeights();
			CaseHistoryReplay.Session replay = cases.session();
			List<String[]> caseRows = new ArrayList<>();
			List<Object[]> eventRows = new ArrayList<>();
			LocalDate start = LocalDate.of(referenceYear, 1, 1);
			int closedSpan = (int) (today - 90 - start.toEpochDay());
			for (CasePlan p : plans) {
				casesFound.put(p.category(), p.found());
				int closed = 0;
				for (int k = 0; k < p.found(); k++) {
					Village village = villages.get(pick(villageWeights, random));
					County county = counties.get(village.county());
					String unitKey = p.unit().equals("TELECOM") && random.nextBoolean() ? "POWER" : p.unit();
					Unit unit = units.get(county.code() + ":" + unitKey);
					boolean willClose = k < p.closed();
					boolean reject = !willClose && p.rejectSome() && random.nextInt(100) < 30;
					LocalDate day = willClose ? start.plusDays(random.nextInt(Math.max(1, closedSpan)))
							: plan.asOf().minusDays(1 + random.nextInt(40));
					Instant reported = at(day, 8 * 60 + random.nextInt(10 * 60));
					CaseSource source = new CaseSource[] { CaseSource.PATROL, CaseSource.PATROL, CaseSource.CITIZEN,
							CaseSource.HOTLINE, CaseSource.STAFF }[random.nextInt(5)];
					String office = "demo-office-" + county.code();
					String handler = "demo-unit-" + unit.id();
					List<Step> steps = new ArrayList<>();
					Instant t = reported.plusSeconds(1800 + random.nextInt(20 * 3600));
					if (reject) {
						steps.add(new Step(Action.REJECT, t, office, "经核实不属于整改范围", null, null));
					}
					else {
						steps.add(new Step(Action.REGISTER, t, office, null, null, null));
						int stage = willClose ? 9 : p.category().equals("OLD_COMPOUND") ? 2 : random.nextInt(4);
						if (stage >= 1) {
							t = t.plusSeconds(1800 + random.nextInt(8 * 3600));
							steps.add(new Step(Action.DISPATCH, t, office, null, unit.id(), unit.name()));
							Instant dispatched = t;
							if (stage >= 2) {
								t = t.plusSeconds(3600 + random.nextInt(20 * 3600));
								steps.add(new Step(Action.ACCEPT, t, handler, null, null, null));
							}
							if (stage >= 3) {
								Instant due = replay.replay(p.category(), village.path(), source, reported, ACTOR, steps)
										.dueAt();
								long window = Math.max(3600, due.getEpochSecond() - dispatched.getEpochSecond());
								// most fixes come in before the due time, some after
								double share = random.nextInt(100) < 90 ? 0.2 + 0.75 * random.nextDouble()
										: 1.05 + 0.5 * random.nextDouble();
								Instant fix = dispatched.plusSeconds((long) (window * share));
								t = fix.isAfter(t) ? fix : t.plusSeconds(3600);
								steps.add(new Step(Action.SUBMIT_FIX, t, handler, "已整改完毕，附整改后照片", null, null));
								if (willClose) {
									if (random.nextInt(100) < 8) {
										t = t.plusSeconds(7200 + random.nextInt(48 * 3600));
										steps.add(new Step(Action.RETURN, t, office, "整改不彻底，请返工", null, null));
										t = t.plusSeconds(7200 + random.nextInt(48 * 3600));
										steps.add(new Step(Action.SUBMIT_FIX, t, handler, "已返工整改", null, null));
									}
									t = t.plusSeconds(7200 + random.nextInt(48 * 3600));
									steps.add(new Step(Action.VERIFY, t, office, "核查通过", null, null));
								}
							}
						}
					}
					Instant scenarioNow = at(plan.asOf(), 0);
					// an open case has only the steps taken by now
					steps.removeIf(s -> s.at().isAfter(scenarioNow));
					CaseHistoryReplay.Replayed r = replay.replay(p.category(), village.path(), source, reported,
							source == CaseSource.CITIZEN ? "citizen" : "demo-inspector", steps);
					if (r.status() == CaseStatus.CLOSED) {
						closed++;
					}
					long id = caseId++;
					String caseNumber = cityCode + "-" + CASE_DATE.format(reported.atZone(CityTime.ZONE)) + "-"
							+ String.format("%06d", number++);
					Instant updated = r.history().get(r.history().size() - 1).at();
					caseRows.add(new String[] { Long.toString(id), caseNumber, source.name(), p.category(),
							r.status().name(), description(p.category(), village), shortVillage(village.name()) + "附近",
							village.code(), village.path(), iso(reported),
							source == CaseSource.CITIZEN ? "citizen" : "demo-inspector", iso(r.registeredAt()),
							r.unitId() == null ? null : r.unitId().toString(), iso(r.dispatchedAt()), iso(r.dueAt()),
							iso(r.fixSubmittedAt()), r.fixSubmittedBy(), iso(r.closedAt()),
							r.closedOnTime() == null ? null : r.closedOnTime().toString(), Integer.toString(r.reworkCount()),
							iso(updated), Integer.toString(r.history().size() - 1) });
					for (CaseHistoryReplay.HistoryEntry e : r.history()) {
						eventRows.add(new Object[] { eventId++, id, e.kind(), e.from() == null ? null : e.from().name(),
								e.to() == null ? null : e.to().name(), e.actor(), e.reason(), e.detailJson(), e.at() });
					}
				}
				casesClosed.put(p.category(), closed);
				caseCount += p.found();
			}
			try (CopyRows copy = new CopyRows(connection, "rectification_case", List.of("id", "case_number", "source",
					"category_code", "status", "description", "address", "region_code", "region_path", "reported_at",
					"reported_by", "registered_at", "unit_id", "dispatched_at", "due_at", "fix_submitted_at",
					"fix_submitted_by", "closed_at", "closed_on_time", "rework_count", "updated_at", "version"), digest)) {
				for (String[] row : caseRows) {
					for (String value : row) {
						copy.value(value);
					}
					copy.end();
				}
				counted("rectification_case", copy.finish(), t0);
			}
			long t1 = System.nanoTime();
			try (CopyRows copy = new CopyRows(connection, "case_event", List.of("id", "case_id", "kind", "from_status",
					"to_status", "actor", "reason", "detail", "occurred_at"), digest)) {
				for (Object[] row : eventRows) {
					for (Object value : row) {
						copy.value(value);
					}
					copy.end();
				}
				counted("case_event", copy.finish(), t1);
			}
			nextCaseNumber = number;
		}

		private String iso(Instant instant) {
			return instant == null ? null
					: DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC)
							.format(instant);
		}

		private String description(String category, Village village) {
			String where = shortVillage(village.name());
			return switch (category) {
				case "OVERHEAD_CABLES" -> where + "路段电力、通信线缆乱拉乱挂，部分垂落影响通行";
				case "OLD_COMPOUND" -> where + "老旧小区楼道管线老化、外墙破损，需整体改造";
				case "BACK_ALLEY" -> where + "背街小巷路面破损、照明缺失";
				case "PUBLIC_TOILET" -> where + "公厕设施损坏，卫生状况差";
				case "BARRIER_FREE" -> where + "无障碍停车位缺失或被占用";
				case "SANITATION" -> where + "垃圾堆放未及时清运";
				case "TRAFFIC_ORDER" -> where + "非机动车乱停乱放，占用人行道";
				case "BUILDING_FACADE" -> where + "沿街建筑立面广告牌破损";
				default -> where + "占道经营、乱贴乱画";
			};
		}

		// ---- the end ---------------------------------------------------------------------------------------

		void finish() {
			long t0 = System.nanoTime();
			// the application goes on inserting with these sequences: past every id taken here
			for (String table : List.of("team", "team_member", "volunteer", "volunteer_history", "activity", "shift",
					"signup", "attendance", "rectification_case", "case_event", "responsible_unit")) {
				jdbc.sql("select setval(pg_get_serial_sequence(:table, 'id'), greatest(pg_sequence_last_value("
						+ "cast(pg_get_serial_sequence(:table, 'id') as regclass)), (select max(id) from " + table + "), 1))")
						.param("table", table).query((rs, n) -> 1).list();
			}
			jdbc.sql("select setval('case_number_seq', greatest(pg_sequence_last_value('case_number_seq'), :n - 1, 1))")
					.param("n", nextCaseNumber).query((rs, n) -> 1).list();
			// the rows above bypassed the events and the workflow's saves: the dashboards' aggregates and the
			// casework statistics' cells are recounted from them, in this transaction
			long t1 = System.nanoTime();
			insight.rebuild();
			long t2 = System.nanoTime();
			caseCells.rebuild();
			long t3 = System.nanoTime();
			volunteerLogin();
			String hex = HEX.formatHex(digest.digest());
			int activityCount = activities.size();
			jdbc.sql("""
					insert into demo_run (scale, seed, as_of, started_at, finished_at, volunteers, teams, activities,
					    records, hours, cases, digest)
					values (:scale, :seed, :asOf, :started, now(), :volunteers, :teams, :activities, :records, :hours,
					    :cases, :digest)""")
					.param("scale", scale.name()).param("seed", plan.seed()).param("asOf", plan.asOf())
					.param("started", java.sql.Timestamp.from(startedAt)).param("volunteers", home.length)
					.param("teams", teams.size()).param("activities", activityCount).param("records", records)
					.param("hours", hours).param("cases", caseCount).param("digest", hex).update();
			long t4 = System.nanoTime();
			for (String table : List.of("volunteer", "team", "team_member", "activity", "shift", "signup", "attendance",
					"service_record", "volunteer_hours", "volunteer_year_hours", "volunteer_day_hours",
					"rectification_case", "case_event")) {
				jdbc.sql("analyze " + table).update();
			}
			progress.accept(String.format("    sequences %,d ms, dashboard aggregates %,d ms, casework cells %,d ms,"
					+ " planner statistics %,d ms", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
					(System.nanoTime() - t4) / 1_000_000));
			figures = new DemoFigures(scale, plan.seed(), plan.asOf(), referenceYear, home.length, teams.size(),
					practiceTeams, demonstrationSites, activityCount, lectures, lectureAudience, records, hours,
					caseCount, Map.copyOf(casesFound), Map.copyOf(casesClosed), Map.copyOf(rows), hex,
					(System.nanoTime() - started) / 1_000_000, login);
		}

		/**
		 * A login for the volunteer with the most hours, so a newcomer can see a volunteer's own pages
		 * (hours, stars, certificate); created through the account module's self-registration rules.
		 * Skipped (with a line saying so) when the name is taken.
		 */
		void volunteerLogin() {
			var volunteer = jdbc.sql("""
					select v.id, v.real_name, v.region_code from volunteer v join volunteer_hours h on h.volunteer_id = v.id
					where v.id >= :first and v.id < :first + :n and v.user_id is null and v.birth_date <= :adult
					order by h.hours desc, v.id limit 1""")
					.param("first", volunteerBase).param("n", home.length).param("adult", plan.asOf().minusYears(18))
					.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3) }).optional();
			if (volunteer.isEmpty()) {
				return;
			}
			String password = password();
			try {
				long userId = accounts.register(LOGIN, password, (String) volunteer.get()[1],
						(String) volunteer.get()[2], Roles.VOLUNTEER);
				jdbc.sql("update volunteer set user_id = :user where id = :id").param("user", userId)
						.param("id", volunteer.get()[0]).update();
				login = new DemoFigures.Login(LOGIN, password);
			}
			catch (AccountRefusedException refused) {
				progress.accept("    no demo login: " + refused.getMessage());
			}
		}

		DemoFigures figures() {
			return figures;
		}
	}

	// ---- helpers -------------------------------------------------------------------------------------------

	/** Random (not from the seed): a password must not be reproducible from the demo's parameters. */
	static String password() {
		java.security.SecureRandom random = new java.security.SecureRandom();
		StringBuilder password = new StringBuilder("Dv7");
		for (int i = 0; i < 13; i++) {
			password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
		}
		return password.toString();
	}

	static String upper(String path) {
		// the range just past a subtree: "44.4412." → "44.4412/" ('/' follows '.')
		return path.substring(0, path.length() - 1) + "/";
	}

	/** "罗建村委会" → "罗建村", "杏花社区居委会" → "杏花社区". */
	static String shortVillage(String name) {
		// the statistics office's "类似居委会" (a prison's or farm's community-like unit) is no part of a team's name
		return name.replaceAll("(类似居委会|类似村委会|虚拟社区)$", "").replaceAll("(村民委员会|村委会)$", "村")
			.replaceAll("(居民委员会|居委会)$", "");
	}

	static int weighted(int[] weights, SplittableRandom random) {
		int sum = 0;
		for (int w : weights) {
			sum += w;
		}
		int r = random.nextInt(sum);
		for (int i = 0; i < weights.length; i++) {
			r -= weights[i];
			if (r < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	/** {@code total} split into {@code parts} positive shares around the mean, adding up exactly. */
	static int[] split(int total, int parts, SplittableRandom random) {
		int[] shares = new int[parts];
		int mean = total / parts;
		int sum = 0;
		for (int i = 0; i < parts; i++) {
			shares[i] = Math.max(1, mean / 2 + random.nextInt(Math.max(1, mean)));
			sum += shares[i];
		}
		int i = 0;
		while (sum != total) {
			int k = i++ % parts;
			if (sum < total) {
				shares[k]++;
				sum++;
			}
			else if (shares[k] > 1) {
				shares[k]--;
				sum--;
			}
		}
		return shares;
	}
}
