package org.wenming.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.casework.internal.CalendarDays;
import org.wenming.casework.internal.CaseWorkflow;
import org.wenming.casework.internal.WorkingCalendar;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;

/**
 * The whole workflow by HTTP: register, dispatch (due time from the calendar), accept, extension,
 * fix, rework, verify and close on time, reopen; suspension and resume; escalation and the 督办 list;
 * duplicates and merging. Each step checks the status, the history rows and the event published.
 */
@WenmingTest
@RecordApplicationEvents
class CaseWorkflowApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Cases cases;

	@Autowired
	Regions regions;

	@Autowired
	CaseWorkflow workflow;

	@Autowired
	CalendarDays calendarDays;

	@Autowired
	ApplicationEvents events;

	CaseFixtures f;

	RequestPostProcessor office;

	RequestPostProcessor cityOffice;

	RequestPostProcessor handler;

	long unit;

	@BeforeEach
	void setUp() {
		f = new CaseFixtures(jdbc, cases, regions);
		office = f.users.staff("441202", Roles.OFFICE_STAFF);
		cityOffice = f.users.staff("4412", Roles.OFFICE_STAFF);
		long handlerId = f.account("441202", Roles.UNIT_HANDLER);
		handler = f.as(handlerId, "441202", Roles.UNIT_HANDLER);
		unit = f.unit("441202", handlerId);
	}

	@Test
	void aCaseGoesFromReportToClosureThroughReworkAndExtensionAndIsReopened() throws Exception {
		long id = f.report("441202", "OVERHEAD_CABLES");

		step(id, "register", office, "{\"version\":0}").andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("REGISTERED")).andExpect(jsonPath("$.version").value(1));
		Instant before = Instant.now();
		step(id, "dispatch", office, "{\"version\":1,\"unitId\":" + unit + "}").andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("DISPATCHED")).andExpect(jsonPath("$.unitId").value(unit));
		CaseView dispatched = cases.find(id).orElseThrow();
		// OVERHEAD_CABLES: 10 working days, to the end of the 10th working day after dispatch
		WorkingCalendar calendar = calendarDays.calendar();
		assertThat(dispatched.dueAt().toInstant()).isIn(
				calendar.due(before, 10, CaseCategory.DeadlineUnit.WORKING_DAYS),
				calendar.due(Instant.now(), 10, CaseCategory.DeadlineUnit.WORKING_DAYS));

		// the office may not take the unit's steps, nor the unit the office's
		step(id, "accept", office, "{\"version\":2}").andExpect(status().isForbidden());
		step(id, "accept", handler, "{\"version\":2}").andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("IN_PROGRESS"));

		OffsetDateTime later = dispatched.dueAt().plusDays(5);
		step(id, "extension", handler, "{\"version\":3,\"dueAt\":\"" + later + "\",\"reason\":\"需要电信公司配合\"}")
				.andExpect(status().isOk()).andExpect(jsonPath("$.approvals[0].status").value("PENDING"));
		long approval = jdbc.sql("select id from case_approval where case_id = :id").param("id", id)
				.query(Long.class).single();
		mvc.perform(post("/api/v1/cases/" + id + "/approvals/" + approval + "/approve").with(office).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"version\":4,\"reason\":\"同意\"}"))
				.andExpect(status().isOk()).andExpect(jsonPath("$.approvals[0].status").value("APPROVED"));
		assertThat(cases.find(id).orElseThrow().dueAt().toInstant()).isEqualTo(later.toInstant());

		step(id, "fix", handler, "{\"version\":5,\"note\":\"已整理线缆并捆扎\"}").andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("FIX_SUBMITTED"));
		step(id, "rework", office, "{\"version\":6,\"reason\":\"仍有垂落的线\"}").andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("IN_PROGRESS")).andExpect(jsonPath("$.reworkCount").value(1));
		step(id, "fix", handler, "{\"version\":7,\"note\":\"垂落的线已剪除\"}").andExpect(status().isOk());
		step(id, "verify", office, "{\"version\":8,\"note\":\"现场核查合格\"}").andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("CLOSED")).andExpect(jsonPath("$.closedOnTime").value(true));

		step(id, "reopen", cityOffice, "{\"version\":9,\"reason\":\"群众反映问题复发\"}").andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("DISPATCHED")).andExpect(jsonPath("$.closedOnTime").doesNotExist());

		assertThat(history(id)).containsExactly("REPORTED:null:REPORTED", "REGISTERED:REPORTED:REGISTERED",
				"DISPATCHED:REGISTERED:DISPATCHED", "ACCEPTED:DISPATCHED:IN_PROGRESS", "EXTENSION_REQUESTED:null:null",
				"EXTENSION_APPROVED:null:null", "FIX_SUBMITTED:IN_PROGRESS:FIX_SUBMITTED",
				"RETURNED:FIX_SUBMITTED:IN_PROGRESS", "FIX_SUBMITTED:IN_PROGRESS:FIX_SUBMITTED",
				"VERIFIED:FIX_SUBMITTED:CLOSED", "REOPENED:CLOSED:DISPATCHED");
		assertThat(jdbc.sql("select reason from case_event where case_id = :id and kind = 'RETURNED'").param("id", id)
				.query(String.class).single()).isEqualTo("仍有垂落的线");
		// one CaseStatusChanged per status change, none for the approval steps
		assertThat(events.stream(CaseStatusChanged.class).filter(e -> e.caseId() == id)
				.map(e -> e.from() + ">" + e.to()).toList()).containsExactly("null>REPORTED", "REPORTED>REGISTERED",
						"REGISTERED>DISPATCHED", "DISPATCHED>IN_PROGRESS", "IN_PROGRESS>FIX_SUBMITTED",
						"FIX_SUBMITTED>IN_PROGRESS", "IN_PROGRESS>FIX_SUBMITTED", "FIX_SUBMITTED>CLOSED",
						"CLOSED>DISPATCHED");
		assertThat(events.stream(CaseStatusChanged.class).filter(e -> e.caseId() == id && e.to() == CaseStatus.CLOSED)
				.map(CaseStatusChanged::closedOnTime).toList()).containsExactly(true);

		mvc.perform(get("/api/v1/cases/" + id).with(office)).andExpect(status().isOk())
				.andExpect(jsonPath("$.history.length()").value(11)).andExpect(jsonPath("$.unitName").isNotEmpty());
	}

	@Test
	void aSuspendedCaseResumesWithItsDueTimeMovedByTheWorkingTimeItWasSuspended() throws Exception {
		long id = dispatched();
		step(id, "suspension", handler, "{\"version\":2,\"reason\":\"等待道路施工结束\"}").andExpect(status().isOk());
		long approval = jdbc.sql("select id from case_approval where case_id = :id").param("id", id)
				.query(Long.class).single();
		mvc.perform(post("/api/v1/cases/" + id + "/approvals/" + approval + "/approve").with(office).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"version\":3}"))
				.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUSPENDED"));
		// as if suspended three weeks ago
		Instant suspendedAt = Instant.now().minus(Duration.ofDays(21)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		jdbc.sql("update rectification_case set suspended_at = :at where id = :id").param("at", Timestamp.from(suspendedAt))
				.param("id", id).update();
		Instant due = cases.find(id).orElseThrow().dueAt().toInstant();
		// a handler may not resume
		step(id, "resume", handler, "{\"version\":4}").andExpect(status().isForbidden());
		Instant before = Instant.now();
		step(id, "resume", office, "{\"version\":4,\"reason\":\"施工已结束\"}").andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("DISPATCHED"));
		Instant after = Instant.now();
		WorkingCalendar calendar = calendarDays.calendar();
		Instant moved = cases.find(id).orElseThrow().dueAt().toInstant();
		assertThat(moved).isBetween(calendar.plusWorkingTime(due, calendar.workingTimeBetween(suspendedAt, before)),
				calendar.plusWorkingTime(due, calendar.workingTimeBetween(suspendedAt, after)));
		assertThat(Duration.between(due, moved)).isGreaterThan(Duration.ofDays(14));
		assertThat(history(id)).endsWith("SUSPENSION_REQUESTED:null:null", "SUSPENDED:DISPATCHED:SUSPENDED",
				"RESUMED:SUSPENDED:DISPATCHED");
		assertThat(jdbc.sql("select status_before_suspension is null and suspended_at is null from rectification_case where id = :id")
				.param("id", id).query(Boolean.class).single()).isTrue();
	}

	@Test
	void overdueCasesEscalateInStepsAndReachTheSupervisionListOfTheLevelAbove() throws Exception {
		long longOverdue = dispatched();
		long justOverdue = dispatched();
		Instant now = Instant.now();
		jdbc.sql("update rectification_case set due_at = :due where id = :id")
				.param("due", Timestamp.from(now.minus(Duration.ofDays(30)))).param("id", longOverdue).update();
		jdbc.sql("update rectification_case set due_at = :due where id = :id")
				.param("due", Timestamp.from(now.minus(Duration.ofMinutes(1)))).param("id", justOverdue).update();

		assertThat(workflow.escalateOverdue(now)).isGreaterThanOrEqualTo(2);
		assertThat(level(longOverdue)).isEqualTo(3);
		assertThat(level(justOverdue)).isEqualTo(1);
		// running again at the same time raises nothing more
		workflow.escalateOverdue(now);
		assertThat(jdbc.sql("select count(*) from case_event where case_id = :id and kind = 'ESCALATED'")
				.param("id", longOverdue).query(Long.class).single()).isEqualTo(1);
		assertThat(history(justOverdue)).endsWith("ESCALATED:null:null");

		String county = mvc.perform(get("/api/v1/cases/supervision").param("size", "100").with(office))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(county).contains("\"id\":" + longOverdue + ",").contains("\"id\":" + justOverdue + ",");
		String city = mvc.perform(get("/api/v1/cases/supervision").param("size", "100").param("region", "441202")
				.with(cityOffice)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(city).contains("\"id\":" + longOverdue + ",").doesNotContain("\"id\":" + justOverdue + ",");
		// the overdue filter of the office list
		mvc.perform(get("/api/v1/cases").param("overdue", "true").param("unit", String.valueOf(unit)).with(office))
				.andExpect(status().isOk()).andExpect(jsonPath("$.total").value(2));
	}

	@Test
	void possibleDuplicatesAreListedAndMergedKeepingBothHistories() throws Exception {
		BigDecimal lat = new BigDecimal("23.061234");
		BigDecimal lon = new BigDecimal("112.471234");
		long target = f.report("441202", "BACK_ALLEY", lat, lon);
		long duplicate = f.report("441202", "BACK_ALLEY", lat.add(new BigDecimal("0.000500")), lon);
		long farAway = f.report("441202", "BACK_ALLEY", lat.add(new BigDecimal("0.020000")), lon);
		long otherCategory = f.report("441202", "PUBLIC_TOILET", lat, lon);

		String found = mvc.perform(get("/api/v1/cases/" + duplicate + "/duplicates").with(office))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(found).contains("\"id\":" + target + ",").doesNotContain("\"id\":" + farAway + ",")
				.doesNotContain("\"id\":" + otherCategory + ",");

		step(duplicate, "merge", office, "{\"version\":0,\"targetId\":" + otherCategory + "}")
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("targetId"));
		step(duplicate, "merge", office, "{\"version\":0,\"targetId\":" + target + ",\"reason\":\"同一处问题\"}")
				.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("MERGED"))
				.andExpect(jsonPath("$.mergedIntoId").value(target));
		assertThat(history(duplicate)).containsExactly("REPORTED:null:REPORTED", "MERGED:REPORTED:MERGED");
		assertThat(history(target)).containsExactly("REPORTED:null:REPORTED", "MERGED_IN:null:null");
		assertThat(cases.find(target).orElseThrow().status()).isEqualTo(CaseStatus.REPORTED);
		// a merged case is no longer open: merging it again is refused
		step(duplicate, "merge", office, "{\"version\":1,\"targetId\":" + target + "}").andExpect(status().isConflict());
	}

	@Test
	void eachQueueShowsItsOwnCases() throws Exception {
		long id = dispatched();
		long other = f.report("441202", "SANITATION");
		String unitQueue = mvc.perform(get("/api/v1/cases/unit").param("size", "100").with(handler))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(unitQueue).contains("\"id\":" + id + ",").doesNotContain("\"id\":" + other + ",");
		// a handler sees only their units' cases
		mvc.perform(get("/api/v1/cases/" + other).with(handler)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/cases").param("status", "DISPATCHED").param("category", "OVERHEAD_CABLES")
				.param("region", "441202").param("source", "PATROL").param("q", "测试案件").param("size", "100")
				.with(office)).andExpect(status().isOk()).andExpect(jsonPath("$.items[?(@.id == " + id + ")]").exists());
	}

	long dispatched() throws Exception {
		long id = f.report("441202", "OVERHEAD_CABLES");
		step(id, "register", office, "{\"version\":0}").andExpect(status().isOk());
		step(id, "dispatch", office, "{\"version\":1,\"unitId\":" + unit + "}").andExpect(status().isOk());
		return id;
	}

	int level(long id) {
		return jdbc.sql("select escalation_level from rectification_case where id = :id").param("id", id)
				.query(Integer.class).single();
	}

	List<String> history(long id) {
		return jdbc.sql("select kind || ':' || coalesce(from_status, 'null') || ':' || coalesce(to_status, 'null') from case_event where case_id = :id order by id")
				.param("id", id).query(String.class).list();
	}

	ResultActions step(long id, String action, RequestPostProcessor who, String json) throws Exception {
		return mvc.perform(post("/api/v1/cases/" + id + "/" + action).with(who).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(json));
	}
}
