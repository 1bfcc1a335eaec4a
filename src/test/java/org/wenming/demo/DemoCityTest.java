package org.wenming.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;
import org.wenming.ledger.ServiceLedger;
import org.wenming.platform.BulkLoadFinished;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.IdType;
import org.wenming.volunteer.PersonalNumbers;
import org.wenming.volunteer.ResidentIdNumber;
import org.wenming.volunteer.VolunteerDraft;
import org.wenming.volunteer.VolunteerQuery;
import org.wenming.volunteer.VolunteerRules;
import org.wenming.volunteer.VolunteerSealing;
import org.wenming.volunteer.Volunteers;

/**
 * The tiny city, generated into the suite's shared database inside a transaction that is rolled back
 * at the end of each test, so the other tests never see it: deterministic, valid by the domain's own
 * rules, and all-or-nothing.
 */
@WenmingTest
@RecordApplicationEvents
class DemoCityTest {

	private static final LocalDate AS_OF = LocalDate.now(CityTime.ZONE);

	@Autowired
	DemoCity city;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ServiceLedger ledger;

	@Autowired
	VolunteerSealing sealing;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Regions regions;

	@Autowired
	org.wenming.insight.InsightAggregates insight;

	@Autowired
	org.wenming.casework.CaseStatisticsCells caseCells;

	/** Runs {@code body} in a transaction that is always rolled back. */
	private <T> T rolledBack(Function<DemoFigures, T> body, long seed) {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		return tx.execute(status -> {
			status.setRollbackOnly();
			DemoFigures figures = city.generate(DemoScale.TINY, seed, AS_OF, true, line -> {
			});
			return body.apply(figures);
		});
	}

	@Autowired
	org.wenming.demo.internal.CityConductor conductor;

	@Test
	void eachModuleLoadsItsOwnPartInTheDeclaredOrder() {
		assertThat(conductor.parts()).extracting(part -> ClassUtils.getUserClass(part).getName()).containsExactly(
				"org.wenming.region.demo.RegionDemoPart", "org.wenming.casework.demo.ResponsibleUnitsDemoPart",
				"org.wenming.volunteer.demo.TeamsDemoPart", "org.wenming.volunteer.demo.VolunteersDemoPart",
				"org.wenming.activity.demo.ActivitiesDemoPart", "org.wenming.ledger.demo.LedgerDemoPart",
				"org.wenming.casework.demo.CasesDemoPart", "org.wenming.assessment.demo.FrameworkDemoPart",
				"org.wenming.assessment.demo.PlacesDemoPart",
				"org.wenming.servicedesk.demo.ServiceDeskDemoPart",
				"org.wenming.honor.demo.HonorDemoPart", "org.wenming.honor.brand.demo.CareAndBrandsDemoPart",
				"org.wenming.commendation.demo.CommendationDemoPart", "org.wenming.training.demo.TrainingDemoPart",
				"org.wenming.complaint.demo.ComplaintDemoPart",
				"org.wenming.newsroom.demo.NewsroomDemoPart",
				"org.wenming.catalogue.demo.CatalogueDemoPart", "org.wenming.insight.demo.InsightDemoPart",
				"org.wenming.volunteer.demo.VolunteerLoginDemoPart");
	}

	@Autowired
	ApplicationEvents published;

	/** The rows went in by COPY, told to no one row by row: the load says once that it is done (the search refills). */
	@Test
	void theLoadAnnouncesItselfOnceInItsTransaction() {
		long before = published.stream(BulkLoadFinished.class).count();
		rolledBack(f -> f, 9);
		assertThat(published.stream(BulkLoadFinished.class).skip(before)).extracting(BulkLoadFinished::source)
			.containsExactly("demo-city");
		// refused before loading: nothing announced
		assertThatThrownBy(() -> city.generate(DemoScale.TINY, -1, true, line -> {
		})).isInstanceOf(DemoRefusedException.class);
		assertThat(published.stream(BulkLoadFinished.class).skip(before)).hasSize(1);
	}

	@Autowired
	org.wenming.activity.Signups signups;

	/**
	 * Issue 22's story: the marathon's first-aid station requires first aid; the demo volunteer completed the
	 * city's first-aid course and is not refused for it, a volunteer without any training is.
	 */
	@Test
	void theMarathonsFirstAidStationTakesOnlyThoseWhoHoldFirstAid() {
		rolledBack(figures -> {
			long shift = jdbc.sql("""
					select s.id from shift s join activity a on a.id = s.activity_id
					where a.title like '%马拉松赛道急救点%' and s.required_qualifications = '{FIRST_AID}'""")
				.query(Long.class).single();
			long trained = jdbc.sql("select volunteer_id from training_enrolment where certificate_number = 'RC-DEMO-0001'")
				.query(Long.class).single();
			long untrained = jdbc.sql("""
					select v.id from volunteer v where v.status = 'ACTIVE' and v.registered_by = :actor
					    and not exists (select 1 from training_enrolment e where e.volunteer_id = v.id)
					order by v.id limit 1""").param("actor", DemoScenario.ACTOR).query(Long.class).single();
			assertThat(refusal(() -> signups.signUp(shift, volunteers.find(untrained).orElseThrow())))
				.isEqualTo("activity.error.trainingMissing.FIRST_AID");
			// the demo volunteer may already be on it or on an overlapping shift; never refused for training
			assertThat(refusal(() -> signups.signUp(shift, volunteers.find(trained).orElseThrow())))
				.doesNotStartWith("activity.error.trainingMissing");
			return figures;
		}, 7);
	}

	private static String refusal(Runnable step) {
		try {
			step.run();
			return "signed up";
		}
		catch (org.wenming.activity.ActivityRefusedException ex) {
			return ex.messageKey();
		}
	}

	@Test
	void theSameSeedGivesTheSameCityAndAnotherSeedAnotherOne() {
		DemoFigures first = rolledBack(f -> f, 7);
		DemoFigures again = rolledBack(f -> f, 7);
		DemoFigures other = rolledBack(f -> f, 8);
		assertThat(first.volunteers()).isEqualTo(300);
		assertThat(first.records()).isGreaterThan(1_000);
		assertThat(again.digest()).isEqualTo(first.digest());
		assertThat(again.records()).isEqualTo(first.records());
		assertThat(again.hours()).isEqualByComparingTo(first.hours());
		assertThat(again.rows()).isEqualTo(first.rows());
		assertThat(again.casesClosed()).isEqualTo(first.casesClosed());
		assertThat(other.digest()).isNotEqualTo(first.digest());
		assertThat(other.hours()).isNotEqualByComparingTo(first.hours());
	}

	@Test
	void everyGeneratedRowPassesTheDomainsOwnRules() {
		rolledBack(figures -> {
			checkVolunteers();
			checkLedger(figures);
			checkActivities(figures);
			checkCases(figures);
			checkSearch();
			// the dashboards' aggregates and the casework statistics' cells equal a recount of the demo rows
			assertThat(insight.check()).isEmpty();
			assertThat(caseCells.check()).isEmpty();
			// a generated city is no first start: the run is there, and the volunteer module's part holds data, as
			// do the assessment's (the published sample framework, the places)
			assertThat(city.isEmpty()).isFalse();
			assertThat(conductor.parts().stream().filter(part -> !part.isEmpty()))
				.extracting(part -> ClassUtils.getUserClass(part).getSimpleName())
				.containsExactly("VolunteersDemoPart", "FrameworkDemoPart", "PlacesDemoPart", "HonorDemoPart",
						"CareAndBrandsDemoPart", "NewsroomDemoPart", "CatalogueDemoPart");
			// the catalogue: exactly the figures the city's paper gave, 同城通办 346, 佛肇通办 200, 跨省通办 109
			assertThat(jdbc.sql("""
					select count(*) filter (where 'CITY_WIDE' = any(scopes)) || '/'
					    || count(*) filter (where 'FOSHAN_ZHAOQING' = any(scopes)) || '/'
					    || count(*) filter (where 'CROSS_PROVINCE' = any(scopes))
					from catalogue_item where updated_by = 'demo'""").query(String.class).single()).isEqualTo("346/200/109");
			assertThat(jdbc.sql("""
					select count(*) from catalogue_item where updated_by = 'demo'
					  and (cardinality(scopes) = 0 or materials = '' or time_limit_days is null
					       or cardinality(search_tokens) = 0)""").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("select count(*) from catalogue_item where updated_by = 'demo' and name = '居民身份证换领'")
				.query(Long.class).single()).isPositive();
			// the sample framework, published under the city's name as version 1
			assertThat(jdbc.sql("""
					select f.status || ':' || f.version || ':' || count(c.id) from assessment_framework f
					join assessment_criterion c on c.framework_id = f.id
					where f.name = '肇庆市文明城市常态化测评体系（示例）' group by f.id""").query(String.class).single())
				.matches("PUBLISHED:1:2\\d\\d");
			// the demo volunteer's login belongs to a volunteer with hours
			assertThat(figures.login()).isNotNull();
			assertThat(figures.toString()).doesNotContain(figures.login().password());
			assertThat(jdbc.sql("""
					select h.hours from app_user u join volunteer v on v.user_id = u.id
					join volunteer_hours h on h.volunteer_id = v.id where u.username = :name""")
					.param("name", figures.login().username()).query(BigDecimal.class).single()).isPositive();
			return null;
		}, 11);
	}

	private void checkVolunteers() {
		record Row(String name, String gender, LocalDate birth, String region, String keyId, byte[] id, byte[] idHash,
				String idMasked, byte[] phone, String phoneMasked, String guardianName, byte[] guardianPhone,
				boolean guardianConsent) {
		}
		List<Row> rows = jdbc.sql("""
				select real_name, gender, birth_date, region_code, key_id, id_number_cipher, id_number_hash,
				    id_number_masked, phone_cipher, phone_masked, guardian_name, guardian_phone_cipher,
				    guardian_consent_at is not null
				from volunteer where registered_by = 'demo'""")
				.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
						rs.getString(4), rs.getString(5), rs.getBytes(6), rs.getBytes(7), rs.getString(8), rs.getBytes(9),
						rs.getString(10), rs.getString(11), rs.getBytes(12), rs.getBoolean(13)))
				.list();
		assertThat(rows).hasSize(300);
		// the separate consent to public lists: some adults gave it, no minor did
		assertThat(jdbc.sql("""
				select count(*) filter (where show_publicly),
				    count(*) filter (where show_publicly and birth_date > cast(:asOf as date) - interval '18 years')
				from volunteer where registered_by = 'demo'""").param("asOf", AS_OF)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single())
			.satisfies(consent -> {
				assertThat(consent[0]).isBetween(40L, 90L);
				assertThat(consent[1]).isZero();
			});
		int minors = 0;
		for (Row r : rows) {
			String id = sealing.open(r.keyId(), "id_number", r.id());
			String phone = sealing.open(r.keyId(), "phone", r.phone());
			ResidentIdNumber.Result parsed = ResidentIdNumber.parse(id, AS_OF, code -> code.equals("4412"));
			assertThat(parsed.number()).as(r.idMasked()).isPresent();
			assertThat(id).startsWith("441299");
			assertThat(parsed.number().get().birthDate()).isEqualTo(r.birth());
			assertThat(parsed.number().get().gender().name()).isEqualTo(r.gender());
			assertThat(r.idHash()).isEqualTo(sealing.idHash(IdType.RESIDENT_ID, id));
			assertThat(r.idMasked()).isEqualTo(PersonalNumbers.maskId(IdType.RESIDENT_ID, id));
			assertThat(r.phoneMasked()).isEqualTo(PersonalNumbers.maskPhone(phone));
			String guardianPhone = r.guardianPhone() == null ? null
					: sealing.open(r.keyId(), "guardian_phone", r.guardianPhone());
			boolean minor = Period.between(r.birth(), AS_OF).getYears() < 18;
			minors += minor ? 1 : 0;
			VolunteerDraft draft = new VolunteerDraft(r.name(), "RESIDENT_ID", id, phone, null, null, r.region(),
					List.of(), null, null, null, r.guardianName(), minor ? "父亲" : null, guardianPhone,
					r.guardianConsent() ? "true" : null, "true");
			VolunteerRules.Result checked = VolunteerRules.check(draft, AS_OF, code -> code.equals("4412"),
					Set.of());
			assertThat(checked.problems()).as(r.idMasked()).isEmpty();
		}
		assertThat(minors).as("minors, with guardians").isPositive();
		assertThat(jdbc.sql("""
				select count(*) from (select id_number_hash from volunteer group by id_type, id_number_hash having count(*) > 1) d""")
				.query(Long.class).single()).isZero();
		// every volunteer belongs to a team, as a member
		assertThat(jdbc.sql("""
				select count(*) from volunteer v where registered_by = 'demo'
				and not exists (select 1 from team_member m where m.volunteer_id = v.id and m.status = 'MEMBER')""")
				.query(Long.class).single()).isZero();
	}

	private void checkLedger(DemoFigures figures) {
		assertThat(ledger.verify(n -> {
		}).intact()).isTrue();
		assertThat(ledger.checkTotals()).isEmpty();
		BigDecimal hours = jdbc.sql("""
				select coalesce(sum(r.hours), 0) from service_record r join volunteer v on v.id = r.volunteer_id
				where v.registered_by = 'demo'""").query(BigDecimal.class).single();
		assertThat(hours).isEqualByComparingTo(figures.hours());
		// one SERVICE record per counted attendance, and none without one
		assertThat(jdbc.sql("""
				select count(*) from attendance a join shift s on s.id = a.shift_id join activity x on x.id = s.activity_id
				where x.created_by = 'demo' and not exists (select 1 from service_record r
				    where r.kind = 'SERVICE' and r.shift_id = a.shift_id and r.volunteer_id = a.volunteer_id)""")
				.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				select count(*) from service_record r join volunteer v on v.id = r.volunteer_id
				where v.registered_by = 'demo' and r.kind = 'SERVICE' and not exists (select 1 from attendance a
				    where a.shift_id = r.shift_id and a.volunteer_id = r.volunteer_id and a.counted)""")
				.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				select count(distinct kind) from service_record r join volunteer v on v.id = r.volunteer_id
				where v.registered_by = 'demo'""").query(Long.class).single()).isEqualTo(2);
	}

	private void checkActivities(DemoFigures figures) {
		assertThat(jdbc.sql("""
				select count(*) from shift s join activity a on a.id = s.activity_id where a.created_by = 'demo'
				and (s.confirmed_count > s.capacity
				     or s.confirmed_count <> (select count(*) from signup g where g.shift_id = s.id and g.status = 'CONFIRMED'))""")
				.query(Long.class).single()).isZero();
		// nobody on two shifts of one day
		assertThat(jdbc.sql("""
				select count(*) from (select g.volunteer_id, (s.starts_at at time zone 'Asia/Shanghai')::date
				    from signup g join shift s on s.id = g.shift_id join activity a on a.id = s.activity_id
				    where a.created_by = 'demo' and g.status = 'CONFIRMED' group by 1, 2 having count(*) > 1) d""")
				.query(Long.class).single()).isZero();
		Map<String, Object> lectures = jdbc.sql("""
				select count(*) as n, sum(audience_count) as audience, count(distinct lecture_setting) as settings
				from activity where created_by = 'demo' and type = 'LECTURE' and status = 'FINISHED'
				and extract(year from starts_at at time zone 'Asia/Shanghai') = :year""")
				.param("year", figures.referenceYear()).query().singleRow();
		assertThat(((Number) lectures.get("n")).intValue()).isEqualTo(60);
		assertThat(((Number) lectures.get("audience")).intValue()).isEqualTo(2_700);
		assertThat(((Number) lectures.get("settings")).intValue()).isGreaterThanOrEqualTo(4);
		assertThat(jdbc.sql("select count(distinct type) from activity where created_by = 'demo'").query(Long.class)
				.single()).isEqualTo(5);
		// activity.starts_at/ends_at are its first shift's start and last shift's end
		assertThat(jdbc.sql("""
				select count(*) from activity a where created_by = 'demo' and (starts_at <> (select min(starts_at) from shift where activity_id = a.id)
				    or ends_at <> (select max(ends_at) from shift where activity_id = a.id))""").query(Long.class)
				.single()).isZero();
	}

	private void checkCases(DemoFigures figures) {
		assertThat(figures.casesFound().get("OVERHEAD_CABLES")).isEqualTo(2047 / 20);
		assertThat(figures.casesClosed().get("OVERHEAD_CABLES")).isEqualTo(1912 / 20);
		assertThat(jdbc.sql("""
				select c.case_number || ' ' || c.status || ' ' || c.reported_by from rectification_case c
				where c.id in (select case_id from case_event where actor like 'demo-office-%') and (
				    (status = 'CLOSED') <> (closed_at is not null)
				    or (status = 'CLOSED') <> (closed_on_time is not null)
				    or (status = 'CLOSED' and closed_on_time <> (closed_at <= due_at))
				    or (status in ('DISPATCHED', 'IN_PROGRESS', 'FIX_SUBMITTED', 'CLOSED')) <> (unit_id is not null and due_at is not null)
				    or (status = 'REJECTED' and registered_at is not null)
				    or (status <> (select e.to_status from case_event e where e.case_id = c.id and e.to_status is not null
				                   order by e.occurred_at desc, e.id desc limit 1))
				    or (select min(e.occurred_at) from case_event e where e.case_id = c.id) <> reported_at
				    or due_at <= dispatched_at)""").query(String.class).list()).isEmpty();
		assertThat(jdbc.sql("""
				select count(*) from rectification_case c
				where c.id in (select case_id from case_event where actor like 'demo-office-%')
				and (closed_at > now() or reported_at > now())""")
				.query(Long.class).single()).isZero();
	}

	private void checkSearch() {
		var someone = jdbc.sql("select id, name_initials from volunteer where registered_by = 'demo' order by id limit 1")
				.query().singleRow();
		var staff = new TestUsers(regions).staffPrincipal("4412", Roles.OFFICE_STAFF);
		var found = volunteers.search(new VolunteerQuery((String) someone.get("name_initials"), null, null, null, null,
				null, null, null, 0, 100), staff);
		assertThat(found.items()).extracting(v -> v.id()).contains(((Number) someone.get("id")).longValue());
	}

	@Test
	void aFailureMidwayLeavesTheDatabaseAsItWas() {
		Map<String, Object> before = state();
		for (String failAt : List.of("sites", "units", "teams", "volunteers", "members", "volunteer indexes",
				"activities", "activity indexes", "ledger", "cases", "case cells", "aggregates", "login")) {
			assertThatThrownBy(() -> city.generate(DemoScale.TINY, 5, AS_OF, true, line -> {
			}, step -> {
				if (step.equals(failAt)) {
					throw new IllegalStateException("injected failure after " + step);
				}
			})).hasMessageContaining("injected failure");
			assertThat(state()).as("after a failure at " + failAt).isEqualTo(before);
		}
	}

	private Map<String, Object> state() {
		return jdbc.sql("""
				select (select count(*) from volunteer where registered_by = 'demo') as volunteers,
				       (select count(*) from team where updated_by = 'demo') as teams,
				       (select count(*) from activity where created_by = 'demo') as activities,
				       (select count(*) from demo_run) as runs,
				       (select count(*) from rectification_case where reported_by = 'demo-inspector') as cases,
				       (select last_seq from ledger_head) as head,
				       encode((select last_hash from ledger_head), 'hex') as hash,
				       (select count(*) from practice_site where updated_by = 'demo') as sites,
				       (select last_value from volunteer_id_seq) as volunteer_seq,
				       (select last_value from team_id_seq) as team_seq,
				       (select last_value from case_number_seq) as case_number_seq,
				       -- the indexes and constraints set aside during the load come back with a rollback too
				       (select string_agg(indexdef, '; ' order by indexdef) from pg_indexes
				        where tablename in ('volunteer', 'volunteer_history', 'team_member', 'activity', 'shift',
				            'signup', 'attendance', 'service_record')) as indexes,
				       (select string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' order by conname)
				        from pg_constraint where conrelid in ('volunteer'::regclass, 'team_member'::regclass,
				            'signup'::regclass, 'attendance'::regclass, 'service_record'::regclass,
				            'volunteer_day_hours'::regclass)) as constraints""")
				.query().singleRow();
	}

	@Test
	void impossibleParametersAreRefusedWithAClearMessage() {
		assertRefused(new String[] { "demo", "--scale", "huge" }, "scale", "huge");
		assertRefused(new String[] { "demo" }, "scale", "tiny、small 或 full");
		assertRefused(new String[] { "demo", "--scale=tiny", "--seed=-3" }, "seed", "-3");
		assertRefused(new String[] { "demo", "--scale=tiny", "--seed", "abc" }, "seed", "abc");
		assertRefused(new String[] { "demo", "--scale=tiny", "--as-of=2025-02-30" }, "asOf", "2025-02-30");
		assertRefused(new String[] { "demo", "--scale=tiny", "--wipe" }, "option", "--wipe");
		assertThat(DemoCommand.parse(new String[] { "demo", "--scale", "SMALL", "--seed=42" }))
				.extracting(DemoCommand.Options::scale, DemoCommand.Options::seed)
				.containsExactly(DemoScale.SMALL, 42L);
		assertThatThrownBy(() -> city.generate(DemoScale.TINY, -1, true, line -> {
		})).isInstanceOfSatisfying(DemoRefusedException.class, e -> assertThat(e.field()).isEqualTo("seed"));
		assertThatThrownBy(() -> city.generate(DemoScale.TINY, 1, AS_OF.plusDays(2), true, line -> {
		})).isInstanceOfSatisfying(DemoRefusedException.class, e -> assertThat(e.field()).isEqualTo("asOf"));
	}

	@Test
	void aSecondCityOrADatabaseWithVolunteersIsRefused() {
		List<String> refusals = new ArrayList<>();
		rolledBack(figures -> {
			try {
				city.generate(DemoScale.TINY, 1, AS_OF, true, line -> {
				});
			}
			catch (DemoRefusedException e) {
				refusals.add(e.messageKey());
			}
			jdbc.sql("delete from demo_run").update();
			try {
				city.generate(DemoScale.TINY, 1, AS_OF, false, line -> {
				});
			}
			catch (DemoRefusedException e) {
				refusals.add(e.messageKey() + " " + e.arguments()[0]);
			}
			return null;
		}, 3);
		assertThat(refusals).hasSize(2);
		assertThat(refusals.get(0)).isEqualTo("demo.refused.exists");
		assertThat(refusals.get(1)).startsWith("demo.refused.volunteers ");
		assertThat(DemoMessages.both("demo.refused.volunteers", 300)).contains("300 名志愿者").contains("300 volunteers");
	}

	@Test
	void theLedgersBulkLoadKeepsTheLedgersRules() {
		rolledBack(figures -> {
			long volunteer = jdbc.sql("select min(id) from volunteer where registered_by = 'demo'").query(Long.class)
					.single();
			var start = java.time.OffsetDateTime.of(2021, 3, 1, 1, 0, 0, 0, java.time.ZoneOffset.UTC);
			Function<BigDecimal, org.wenming.ledger.LedgerBulkLoad.BulkRecord> record = hours -> new org.wenming.ledger.LedgerBulkLoad.BulkRecord(
					org.wenming.ledger.RecordKind.MANUAL, volunteer, null, null, "SERVICE", "河道巡护", start,
					start.plusHours(8), hours, "TEAM", 1, "测试队", "44.4412.", "migration", "migration", null, start);
			long head = jdbc.sql("select last_seq from ledger_head").query(Long.class).single();
			// not a multiple of the rounding step, above the daily cap, two records above the cap on one day
			// each refused load aborts what it ran in: a savepoint stands for the caller's transaction
			TransactionTemplate nested = new TransactionTemplate(transactions);
			nested.setPropagationBehavior(TransactionTemplate.PROPAGATION_NESTED);
			assertThatThrownBy(() -> nested.executeWithoutResult(t -> bulk.load(a -> a.append(record.apply(new BigDecimal("2.3"))))))
					.isInstanceOf(org.wenming.ledger.LedgerRefusedException.class).hasMessageContaining("hours");
			assertThatThrownBy(() -> nested.executeWithoutResult(t -> bulk.load(a -> a.append(record.apply(new BigDecimal("12.5"))))))
					.isInstanceOf(org.wenming.ledger.LedgerRefusedException.class).hasMessageContaining("hours");
			assertThatThrownBy(() -> nested.executeWithoutResult(t -> bulk.loadLarge(a -> {
				a.append(record.apply(new BigDecimal("8.0")));
				a.append(record.apply(new BigDecimal("8.0")));
			}))).isInstanceOf(org.wenming.ledger.LedgerRefusedException.class).hasMessageContaining("dailyCap");
			// nothing of the refused loads stayed, and the chain still verifies
			assertThat(jdbc.sql("select last_seq from ledger_head").query(Long.class).single()).isEqualTo(head);
			assertThat(ledger.verify(n -> {
			}).intact()).isTrue();
			assertThat(ledger.checkTotals()).isEmpty();
			// a later load onto a day that already has hours: raised within the cap, refused above it
			bulk.load(a -> a.append(record.apply(new BigDecimal("8.0"))));
			assertThatThrownBy(() -> nested.executeWithoutResult(t -> bulk.load(a -> a.append(record.apply(new BigDecimal("4.5"))))))
					.isInstanceOf(org.wenming.ledger.LedgerRefusedException.class).hasMessageContaining("dailyCap");
			bulk.loadLarge(a -> a.append(record.apply(new BigDecimal("4.0"))));
			assertThat(jdbc.sql("select hours from volunteer_day_hours where volunteer_id = :v and day = date '2021-03-01'")
					.param("v", volunteer).query(BigDecimal.class).single()).isEqualByComparingTo("12.0");
			assertThat(ledger.checkTotals()).isEmpty();
			return head;
		}, 13);
	}

	@Autowired
	org.wenming.ledger.LedgerBulkLoad bulk;

	private static void assertRefused(String[] args, String field, String inMessage) {
		assertThatThrownBy(() -> DemoCommand.parse(args)).isInstanceOfSatisfying(DemoRefusedException.class, e -> {
			assertThat(e.field()).isEqualTo(field);
			assertThat(DemoMessages.refusal(e)).contains(inMessage);
		});
	}
}
