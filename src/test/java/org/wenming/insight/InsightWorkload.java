package org.wenming.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.ActivityDraft;
import org.wenming.activity.ActivityType;
import org.wenming.activity.LectureSetting;
import org.wenming.activity.ShiftDraft;
import org.wenming.activity.Signups;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.ledger.CorrectionDraft;
import org.wenming.ledger.ManualRecordDraft;
import org.wenming.ledger.ServiceLedger;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamDraft;
import org.wenming.volunteer.team.TeamLevel;
import org.wenming.volunteer.team.TeamStatus;
import org.wenming.volunteer.team.TeamType;
import org.wenming.volunteer.team.Teams;

/**
 * A mixed workload through the modules' real services and endpoints, in one county (鼎湖区 441203
 * unless told otherwise): what the insight tests count.
 */
final class InsightWorkload {

	final MockMvc mvc;

	final JdbcClient jdbc;

	final TestUsers users;

	final Volunteers volunteers;

	final Teams teams;

	final Activities activities;

	final Signups signups;

	final ServiceLedger ledger;

	final Cases cases;

	final Regions regions;

	InsightWorkload(MockMvc mvc, JdbcClient jdbc, Regions regions, Volunteers volunteers, Teams teams,
			Activities activities, Signups signups, ServiceLedger ledger, Cases cases) {
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.regions = regions;
		this.users = new TestUsers(regions);
		this.volunteers = volunteers;
		this.teams = teams;
		this.activities = activities;
		this.signups = signups;
		this.ledger = ledger;
		this.cases = cases;
	}

	static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	ScopedUser office(String regionCode) {
		return users.staffPrincipal(regionCode, Roles.OFFICE_STAFF);
	}

	/** A town of the county (the first), for homes and activities. */
	String town(String county) {
		return regions.children(county).get(0).code();
	}

	Volunteer byStaff(String regionCode) {
		return volunteers.registerByStaff(TestVolunteers.draft(TestVolunteers.name(),
				TestVolunteers.residentId(regionCode.substring(0, 6)), TestVolunteers.mobile(), regionCode),
				office(regionCode.substring(0, 6)));
	}

	Volunteer self(String regionCode) {
		return volunteers.registerSelf(TestVolunteers.draft(TestVolunteers.name(),
				TestVolunteers.residentId(regionCode.substring(0, 6)), TestVolunteers.mobile(), regionCode),
				"ins-" + tag(), "Insight-test-2026!");
	}

	ScopedUser login(Volunteer v) {
		return users.principal(v.userId(), v.regionCode(), Roles.VOLUNTEER);
	}

	Team team(String county, TeamType type) {
		return teams.create(new TeamDraft(null, TeamLevel.CORPS, county, "洞察测试队" + tag(), type, null, null, null,
				null, TeamStatus.ACTIVE), office(county));
	}

	void dissolve(Team team, String county) {
		teams.update(team.id(), team.version(), new TeamDraft(null, team.level(), team.regionCode(), team.name(),
				team.type(), null, null, null, null, TeamStatus.DISSOLVED), office(county)).orElseThrow();
	}

	/** A published activity of the team, one shift starting in an hour, lasting the given hours. */
	Activity activity(Team team, String regionCode, ActivityType type, LectureSetting setting, int hours) {
		OffsetDateTime start = OffsetDateTime.now().plusHours(1).truncatedTo(ChronoUnit.MINUTES);
		ActivityDraft draft = new ActivityDraft("洞察测试活动" + tag(), "测试", type, setting,
				type == ActivityType.LECTURE ? team.id() : null, null, null, team.id(),
				null, null, "测试路1号", regionCode, new BigDecimal("23.160000"), new BigDecimal("112.560000"), null,
				false, List.of(new ShiftDraft(start, start.plusHours(hours), 50, null, List.of())));
		ScopedUser office = office(team.regionCode());
		Activity created = activities.create(draft, office);
		return activities.publish(created.id(), office);
	}

	long shiftOf(Activity activity) {
		return activities.shifts(activity.id()).get(0).id();
	}

	/** Moves the activity's only shift to end an hour ago, as the clock would (not a counted fact). */
	OffsetDateTime moveIntoPast(Activity activity, int hours) {
		OffsetDateTime end = OffsetDateTime.now().minusHours(1).truncatedTo(ChronoUnit.MINUTES);
		OffsetDateTime start = end.minusHours(hours);
		long shift = shiftOf(activity);
		jdbc.sql("update shift set starts_at = :s, ends_at = :e where id = :id").param("s", start).param("e", end)
			.param("id", shift).update();
		jdbc.sql("update activity set starts_at = :s, ends_at = :e where id = :id").param("s", start).param("e", end)
			.param("id", activity.id()).update();
		return start;
	}

	void serve(long shift, long volunteerId, OffsetDateTime start, OffsetDateTime end, RequestPostProcessor staff)
			throws Exception {
		for (String[] step : new String[][] { { "IN", start.toString() }, { "OUT", end.toString() } }) {
			int status = mvc.perform(post("/api/v1/checkin/shifts/" + shift + "/attendance").with(staff).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"volunteerId\":" + volunteerId + ",\"action\":\""
						+ step[0] + "\",\"reason\":\"现场核实到岗情况\",\"occurredAt\":\"" + step[1] + "\"}"))
				.andReturn().getResponse().getStatus();
			assertThat(status).as("staff entry").isEqualTo(200);
		}
	}

	void confirm(long shift, RequestPostProcessor staff) throws Exception {
		int status = mvc.perform(post("/api/v1/checkin/shifts/" + shift + "/confirmation").with(staff).with(csrf()))
			.andReturn().getResponse().getStatus();
		assertThat(status).as("confirmation").isEqualTo(201);
	}

	void manual(Volunteer v, Team team, LocalDate day, int fromHour, int toHour) {
		ledger.recordManual(new ManualRecordDraft(v.volunteerNumber(), ManualRecordDraft.OrganizationKind.TEAM, team.id(),
				"SERVICE", "补录的线下服务", day, LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0), "张主任"),
				office(team.regionCode()));
	}

	/** The volunteer asks for their record to show the given hours; the county office approves. */
	void correct(Volunteer v, long seq, String hours, String county) {
		long request = ledger.requestCorrection(new CorrectionDraft(seq, new BigDecimal(hours), "提前离场了半小时",
				null, null, null, null, null), login(v));
		ledger.approve(request, office(county));
	}

	long seqOf(long volunteerId, String kind) {
		return jdbc.sql("select max(seq) from service_record where volunteer_id = :v and kind = :k")
			.param("v", volunteerId).param("k", kind).query(Long.class).single();
	}

	long report(String regionCode, String category) {
		return cases.report(new NewCase(CaseSource.PATROL, category, "洞察测试案件" + tag(), "测试路2号",
				new BigDecimal("23.160000"), new BigDecimal("112.560000"), regionCode, null, null, null, null),
				"inspector-test").id();
	}

	/** An account with roles, as casework needs for unit members. */
	long account(String regionCode, String... roles) {
		long id = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:u, '洞察测试经办人', '{noop}not-used', :r) returning id""").param("u", "ins-" + tag())
			.param("r", regionCode).query(Long.class).single();
		for (String role : roles) {
			jdbc.sql("insert into user_role (user_id, role) values (:id, :role)").param("id", id).param("role", role)
				.update();
		}
		return id;
	}

	long unit(String regionCode, long handler) {
		long unit = jdbc.sql("""
				insert into responsible_unit (name, kind, region_code, region_path, updated_by)
				values (:n, 'BUREAU', :r, :p, 'test') returning id""").param("n", "洞察测试供电局" + tag())
			.param("r", regionCode).param("p", regions.find(regionCode).orElseThrow().path()).query(Long.class).single();
		jdbc.sql("insert into responsible_unit_member (unit_id, user_id) values (:u, :h)").param("u", unit)
			.param("h", handler).update();
		return unit;
	}

	void step(long caseId, String action, RequestPostProcessor who, String json) throws Exception {
		int status = mvc.perform(post("/api/v1/cases/" + caseId + "/" + action).with(who).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(json)).andReturn().getResponse().getStatus();
		assertThat(status).as(action).isEqualTo(200);
	}

	/** Reports, registers, dispatches, fixes and closes a case through the workflow's endpoints. */
	void closeCase(long caseId, String county) throws Exception {
		RequestPostProcessor office = users.staff(county, Roles.OFFICE_STAFF);
		long handlerId = account(county, Roles.UNIT_HANDLER);
		RequestPostProcessor handler = users.person(handlerId, county, Roles.UNIT_HANDLER);
		long unit = unit(county, handlerId);
		step(caseId, "register", office, "{\"version\":0}");
		step(caseId, "dispatch", office, "{\"version\":1,\"unitId\":" + unit + "}");
		step(caseId, "accept", handler, "{\"version\":2}");
		step(caseId, "fix", handler, "{\"version\":3,\"note\":\"已整理线缆并捆扎\"}");
		step(caseId, "verify", office, "{\"version\":4,\"note\":\"现场核查合格\"}");
	}

	void rejectCase(long caseId, String county) throws Exception {
		step(caseId, "reject", users.staff(county, Roles.OFFICE_STAFF), "{\"version\":0,\"reason\":\"不属于整改范围\"}");
	}

	/** Every metric of the region summed over all months and dimensions. */
	Map<String, BigDecimal> totals(String regionCode) {
		Map<String, BigDecimal> totals = new TreeMap<>();
		jdbc.sql("select metric, sum(value) from insight_cell where region_code = :r group by metric")
			.param("r", regionCode).query((rs, n) -> totals.put(rs.getString(1), rs.getBigDecimal(2))).list();
		return totals;
	}

	static BigDecimal delta(Map<String, BigDecimal> before, Map<String, BigDecimal> after, Metric metric) {
		return after.getOrDefault(metric.name(), BigDecimal.ZERO)
			.subtract(before.getOrDefault(metric.name(), BigDecimal.ZERO));
	}
}
