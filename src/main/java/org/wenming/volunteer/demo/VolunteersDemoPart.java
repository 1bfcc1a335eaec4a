package org.wenming.volunteer.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.demo.ChineseNames;
import org.wenming.demo.CopyRows;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoPlan;
import org.wenming.demo.DemoRefusedException;
import org.wenming.demo.DemoScenario;
import org.wenming.demo.DemoTables;
import org.wenming.platform.BulkLoadWindow;
import org.wenming.region.CityGeography;
import org.wenming.region.FieldProblem;
import org.wenming.volunteer.CheckedVolunteer;
import org.wenming.volunteer.DemoVolunteers;
import org.wenming.volunteer.ResidentIdNumber;
import org.wenming.volunteer.VolunteerDraft;
import org.wenming.volunteer.VolunteerRules;
import org.wenming.volunteer.VolunteerSealing;
import org.wenming.volunteer.team.DemoTeams;

/**
 * The demo city's volunteers (the volunteer module's second part): each checked by
 * {@link VolunteerRules} and sealed as {@link VolunteerSealing} seals a registration, their
 * REGISTERED history, and their team memberships; in the module's own bulk-load window. Left to later
 * parts as {@link DemoVolunteers}.
 */
@Component
class VolunteersDemoPart implements DemoCityPart {

	private static final String[] SKILLS = { "MEDICAL", "LEGAL", "COUNSELLING", "TUTORING", "PERFORMING", "PHOTO_VIDEO",
			"TRANSLATION", "DRIVING", "IT", "ENVIRONMENT", "ELDER_CARE", "EMERGENCY" };

	private static final List<String> TABLES = List.of("volunteer", "volunteer_history", "team_member");

	private final JdbcClient jdbc;

	private final VolunteerSealing sealing;

	VolunteersDemoPart(JdbcClient jdbc, VolunteerSealing sealing) {
		this.jdbc = jdbc;
		this.sealing = sealing;
	}

	@Override
	public int order() {
		return 300;
	}

	@Override
	public boolean isEmpty() {
		return !jdbc.sql("select exists (select 1 from volunteer)").query(Boolean.class).single();
	}

	@Override
	public void prepare(DemoCityRun run) {
		// another city's volunteers do not matter: a province-scale database holds several cities
		CityGeography city = run.get(CityGeography.class);
		Long volunteers = jdbc.sql("select count(*) from volunteer where region_path >= :lower and region_path < :upper")
				.param("lower", city.cityPath()).param("upper", CityGeography.upper(city.cityPath()))
				.query(Long.class).single();
		if (volunteers > 0 && !run.plan().alongsideExisting()) {
			throw new DemoRefusedException("database", "demo.refused.volunteers", volunteers);
		}
		// nobody else writes these tables while the city is loaded, so the ids taken here stay free
		jdbc.sql("lock table volunteer, volunteer_history, team_member in share row exclusive mode").update();
	}

	@Override
	public void load(DemoCityRun run) {
		// hundreds of thousands of rows into tables indexed many ways: indexes and checks are made once, after
		BulkLoadWindow window = run.bulkLoadWindow(TABLES, List.of());
		DemoVolunteers[] volunteers = new DemoVolunteers[1];
		run.step("volunteers", () -> volunteers[0] = volunteers(run));
		run.step("members", () -> members(run, volunteers[0]));
		run.put(DemoVolunteers.class, volunteers[0]);
		run.tally().volunteers(volunteers[0].count());
		run.step("volunteer indexes", () -> {
			window.restore();
			run.atEnd(() -> DemoTables.moveSequencesPast(jdbc, TABLES));
			DemoTables.analyze(jdbc, List.of("volunteer", "team_member"));
		});
	}

	private DemoVolunteers volunteers(DemoCityRun run) {
		long t0 = System.nanoTime();
		DemoPlan plan = run.plan();
		CityGeography city = run.get(CityGeography.class);
		String cityCode = city.cityCode();
		SplittableRandom random = run.random("volunteers");
		int n = run.scale().volunteers();
		long volunteerBase = DemoTables.nextId(jdbc, "volunteer");
		int[] home = new int[n];
		int[] registered = new int[n];
		int[] births = new int[n];
		float[] activity = new float[n];
		Map<Integer, List<Integer>> byCounty = new HashMap<>();
		int[] villageWeights = city.villageWeights(DemoScenario::countyPopulation);
		Map<Long, Integer> idSequence = new HashMap<>();
		String addressCode = DemoScenario.syntheticAddressCode(cityCode);
		Set<Long> numbers = new HashSet<>(n * 2);
		Set<String> skillCodes = Set.of(SKILLS);
		String consentVersion = sealing.privacyNoticeVersion();
		try (CopyRows copy = run.copy("volunteer", List.of("id", "volunteer_number", "real_name",
				"name_initials", "id_type", "id_number_cipher", "id_number_hash", "id_number_masked", "phone_cipher",
				"phone_hash", "phone_masked", "phone_last4", "key_id", "gender", "birth_date", "region_code",
				"region_path", "skills", "availability", "emergency_name", "emergency_phone_cipher",
				"emergency_phone_masked", "guardian_name", "guardian_relation", "guardian_phone_cipher",
				"guardian_phone_masked", "guardian_consent_at", "consent_version", "consent_at", "status",
				"registered_by", "created_at", "updated_at", "show_publicly"))) {
			for (int i = 0; i < n; i++) {
				int v = DemoScenario.pick(villageWeights, random);
				CityGeography.Village village = city.villages().get(v);
				home[i] = v;
				boolean male = random.nextInt(100) < 46;
				LocalDate birth = birthDate(plan, random);
				String idNumber = idNumber(addressCode, birth, male, idSequence);
				birth = LocalDate.parse(idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-"
						+ idNumber.substring(12, 14));
				int age = Period.between(birth, plan.asOf()).getYears();
				String surname = ChineseNames.surname(random);
				String name = surname + ChineseNames.given(random, male);
				String phone = DemoScenario.phone(i, plan.seed());
				boolean minor = age < VolunteerRules.ADULT_AGE;
				boolean father = random.nextBoolean();
				String guardianName = minor ? surname + ChineseNames.given(random, father) : null;
				String guardianPhone = minor ? DemoScenario.phone(n + i, plan.seed()) : null;
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
						emergency ? DemoScenario.phone(2 * n + i, plan.seed()) : null, guardianName, minor ? (father ? "父亲" : "母亲") : null,
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
				int reg = registrationDay(plan, birth, random);
				registered[i] = reg;
				births[i] = (int) cv.birthDate().toEpochDay();
				Instant consentAt = DemoScenario.at(LocalDate.ofEpochDay(reg), 8 * 60 + random.nextInt(12 * 60));
				activity[i] = random.nextInt(100) < 18 ? 0f : (float) Math.pow(-Math.log(1 - random.nextDouble()), 1.6);
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
						.value(consentVersion).value(consentAt).value("ACTIVE").value(DemoScenario.ACTOR).value(consentAt)
						.value(consentAt)
						// one adult in four also consented to be named on the public top lists (a separate consent)
						.value(!minor && i % 4 == 0).end();
				if ((i + 1) % 100_000 == 0) {
					run.progress(String.format("    volunteers %,d of %,d", i + 1, n));
				}
			}
			run.counted("volunteer", copy.finish(), t0);
		}
		long t1 = System.nanoTime();
		long historyBase = DemoTables.nextId(jdbc, "volunteer_history");
		int history = jdbc.sql("""
				insert into volunteer_history (id, volunteer_id, occurred_at, action, actor, detail)
				select :base + (id - :first), id, created_at, 'REGISTERED', :actor, null from volunteer
				where id >= :first and id < :first + :n""")
				.param("base", historyBase).param("first", volunteerBase).param("n", n).param("actor", DemoScenario.ACTOR)
				.update();
		run.counted("volunteer_history", history, t1);
		return new DemoVolunteers(volunteerBase, home, registered, births, activity, new long[n], new long[n], byCounty);
	}

	/** Ages: 5 % minors (10-17), then young adults, the middle-aged and the retired. */
	private static LocalDate birthDate(DemoPlan plan, SplittableRandom random) {
		int p = random.nextInt(100);
		int age = p < 5 ? 10 + random.nextInt(8) : p < 35 ? 18 + random.nextInt(13) : p < 65 ? 31 + random.nextInt(15)
				: p < 87 ? 46 + random.nextInt(15) : 61 + random.nextInt(15);
		return plan.asOf().minusYears(age).minusDays(1 + random.nextInt(364));
	}

	/**
	 * GB 11643: the city's code with county 99 (441299 for Zhaoqing; no such county: clearly synthetic),
	 * the birth date, a sequence that is odd for men and counts up per birth date, and the MOD 11-2 check
	 * character.
	 */
	private static String idNumber(String addressCode, LocalDate birth, boolean male, Map<Long, Integer> sequences) {
		LocalDate day = birth;
		while (true) {
			long key = day.toEpochDay() * 2 + (male ? 1 : 0);
			int k = sequences.merge(key, 1, Integer::sum) - 1;
			if (k < 500) {
				String first17 = addressCode + day.format(DateTimeFormatter.BASIC_ISO_DATE)
						+ String.format("%03d", 2 * k + (male ? 1 : 0));
				return first17 + ResidentIdNumber.checkCode(first17);
			}
			day = day.minusDays(1);
		}
	}

	private static int registrationDay(DemoPlan plan, LocalDate birth, SplittableRandom random) {
		long today = plan.today();
		long span = today - plan.firstDay().toEpochDay();
		long day = plan.firstDay().toEpochDay() + (long) (span * Math.pow(random.nextDouble(), 0.7));
		long earliest = birth.plusYears(10).toEpochDay();
		if (day < earliest) {
			day = Math.min(today, earliest + random.nextInt(365));
		}
		return (int) Math.min(day, today);
	}

	// ---- team membership -----------------------------------------------------------------------------

	private void members(DemoCityRun run, DemoVolunteers volunteers) {
		long t0 = System.nanoTime();
		CityGeography city = run.get(CityGeography.class);
		DemoTeams teams = run.get(DemoTeams.class);
		int[] home = volunteers.home();
		int[] registered = volunteers.registered();
		long[] primaryTeam = volunteers.primaryTeam();
		long[] secondTeam = volunteers.secondTeam();
		long volunteerBase = volunteers.firstId();
		SplittableRandom random = run.random("members");
		long id = DemoTables.nextId(jdbc, "team_member");
		try (CopyRows copy = run.copy("team_member", List.of("id", "team_id", "volunteer_id",
				"status", "applied_at", "decided_at", "decided_by"))) {
			for (int i = 0; i < home.length; i++) {
				CityGeography.Village village = city.villages().get(home[i]);
				List<Long> squads = teams.villageSquads().get(home[i]);
				long team = squads != null ? squads.get(random.nextInt(squads.size())) : teams.townBranch()[village.town()];
				primaryTeam[i] = team;
				Instant joined = DemoScenario.at(LocalDate.ofEpochDay(registered[i]), 18 * 60 + random.nextInt(240));
				copy.value(id++).value(team).value(volunteerBase + i).value("MEMBER").value(joined)
						.value(joined.plusSeconds(3600 + random.nextInt(86_400))).value(DemoScenario.ACTOR).end();
				if (random.nextInt(100) < 15) {
					List<Long> others = teams.countyOtherTeams().get(village.county());
					long other = others.get(random.nextInt(others.size()));
					secondTeam[i] = other;
					copy.value(id++).value(other).value(volunteerBase + i).value("MEMBER").value(joined)
							.value(joined.plusSeconds(7200 + random.nextInt(86_400))).value(DemoScenario.ACTOR).end();
				}
			}
			run.counted("team_member", copy.finish(), t0);
		}
	}
}
