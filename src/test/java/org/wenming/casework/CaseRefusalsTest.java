package org.wenming.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;

/**
 * Steps the workflow refuses, each with a clear status and message and nothing changed: closing an
 * unregistered case, verifying one's own fix, dispatching a closed case, approving twice, a stale
 * version; and bad input (missing, oversized, wrongly typed, malformed), answered 400 naming the field.
 */
@WenmingTest
class CaseRefusalsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Cases cases;

	@Autowired
	Regions regions;

	CaseFixtures f;

	RequestPostProcessor office;

	RequestPostProcessor handler;

	/** Handler of the unit and office staff at once: may submit a fix, but never verify it. */
	RequestPostProcessor handlerAndOffice;

	long unit;

	@BeforeEach
	void setUp() {
		f = new CaseFixtures(jdbc, cases, regions);
		office = f.users.staff("441202", Roles.OFFICE_STAFF);
		long handlerId = f.account("441202", Roles.UNIT_HANDLER);
		long both = f.account("441202", Roles.UNIT_HANDLER, Roles.OFFICE_STAFF);
		handler = f.as(handlerId, "441202", Roles.UNIT_HANDLER);
		handlerAndOffice = f.as(both, "441202", Roles.UNIT_HANDLER, Roles.OFFICE_STAFF);
		unit = f.unit("441202", handlerId, both);
	}

	@Test
	void closingAnUnregisteredCaseIsRefusedAndChangesNothing() throws Exception {
		long id = f.report("441202", "SANITATION");
		Map<String, Object> before = row(id);
		step(id, "verify", office, "{\"version\":0}").andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail").value("只有“待核查”的案件可以核查结案"));
		step(id, "dispatch", office, "{\"version\":0,\"unitId\":" + unit + "}").andExpect(status().isConflict());
		// the unit's handler does not even see a case not yet dispatched to it
		step(id, "accept", handler, "{\"version\":0}").andExpect(status().isNotFound());
		assertThat(row(id)).isEqualTo(before);
		assertThat(events(id)).isEqualTo(1);
	}

	@Test
	void nobodyVerifiesTheirOwnFix() throws Exception {
		long id = inProgress();
		step(id, "fix", handlerAndOffice, "{\"version\":3,\"note\":\"已清理\"}").andExpect(status().isOk());
		Map<String, Object> before = row(id);
		step(id, "verify", handlerAndOffice, "{\"version\":4}").andExpect(status().isForbidden())
				.andExpect(jsonPath("$.detail").value("不能核查自己提交的处置结果"));
		step(id, "rework", handlerAndOffice, "{\"version\":4,\"reason\":\"自己退回\"}").andExpect(status().isForbidden());
		// a handler alone is no reviewer at all
		step(id, "verify", handler, "{\"version\":4}").andExpect(status().isForbidden());
		assertThat(row(id)).isEqualTo(before);
		// the detail offers neither step to the one who submitted, and both to another office member
		mvc.perform(get("/api/v1/cases/" + id).with(handlerAndOffice)).andExpect(status().isOk())
				.andExpect(jsonPath("$.actions[?(@ == 'VERIFY')]").doesNotExist());
		mvc.perform(get("/api/v1/cases/" + id).with(office)).andExpect(status().isOk())
				.andExpect(jsonPath("$.actions[?(@ == 'VERIFY')]").exists());
		step(id, "verify", office, "{\"version\":4}").andExpect(status().isOk());
	}

	@Test
	void aClosedCaseCannotBeDispatchedAgain() throws Exception {
		long id = inProgress();
		step(id, "fix", handler, "{\"version\":3,\"note\":\"已清理\"}").andExpect(status().isOk());
		step(id, "verify", office, "{\"version\":4}").andExpect(status().isOk());
		Map<String, Object> before = row(id);
		step(id, "dispatch", office, "{\"version\":5,\"unitId\":" + unit + "}").andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail").value("只有“已立案”的案件可以派遣"));
		assertThat(row(id)).isEqualTo(before);
	}

	@Test
	void anExtensionIsApprovedOnceAndASecondRequestWaitsForTheFirst() throws Exception {
		long id = inProgress();
		String due = cases.find(id).orElseThrow().dueAt().plusDays(3).toString();
		step(id, "extension", handler, "{\"version\":3,\"dueAt\":\"" + due + "\",\"reason\":\"材料未到\"}")
				.andExpect(status().isOk());
		step(id, "extension", handler, "{\"version\":4,\"dueAt\":\"" + due + "\",\"reason\":\"再次申请\"}")
				.andExpect(status().isConflict());
		long approval = jdbc.sql("select id from case_approval where case_id = :id").param("id", id)
				.query(Long.class).single();
		approve(id, approval, 4).andExpect(status().isOk());
		Map<String, Object> before = row(id);
		approve(id, approval, 5).andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail").value("这个申请已经审批过了"));
		assertThat(row(id)).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from case_event where case_id = :id and kind = 'EXTENSION_APPROVED'")
				.param("id", id).query(Long.class).single()).isEqualTo(1);
		// an earlier due time is no extension
		step(id, "extension", handler, "{\"version\":5,\"dueAt\":\"" + cases.find(id).orElseThrow().dueAt().minusDays(1)
				+ "\",\"reason\":\"x\"}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("dueAt"));
	}

	@Test
	void aStaleVersionIsRefused() throws Exception {
		long id = f.report("441202", "SANITATION");
		step(id, "register", office, "{\"version\":0}").andExpect(status().isOk());
		Map<String, Object> before = row(id);
		step(id, "reject", office, "{\"version\":0,\"reason\":\"重复\"}").andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail").value("案件已被他人更新，请刷新后重试"));
		step(id, "dispatch", office, "{\"version\":7,\"unitId\":" + unit + "}").andExpect(status().isConflict());
		assertThat(row(id)).isEqualTo(before);
	}

	@Test
	void badInputIsRefusedNamingTheFieldAndStoresNothing() throws Exception {
		long id = f.report("441202", "SANITATION");
		Map<String, Object> before = row(id);
		assertField(step(id, "reject", office, "{\"version\":0}"), "reason");
		assertField(step(id, "reject", office, "{\"version\":0,\"reason\":\"" + "长".repeat(501) + "\"}"), "reason");
		assertField(step(id, "reject", office, "{\"version\":0,\"reason\":\"a\\u0000b\"}"), "reason");
		assertField(step(id, "register", office, "{}"), "version");
		assertField(step(id, "register", office, "{\"version\":\"zero\"}"), "version");
		assertField(step(id, "register", office, "{\"version\":0"), "body");
		assertField(step(id, "dispatch", office, "{\"version\":0,\"unitId\":\"abc\"}"), "unitId");
		assertField(step(id, "dispatch", office, "{\"version\":0,\"unitId\":999999999}"), "unitId");
		assertField(step(id, "dispatch", office, "{\"version\":0,\"unitId\":" + unit + ",\"dueAt\":\"tomorrow\"}"), "dueAt");
		assertField(step(id, "merge", office, "{\"version\":0,\"targetId\":" + id + "}"), "targetId");
		mvc.perform(get("/api/v1/cases").param("status", "NOPE").with(office)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("status"));
		mvc.perform(get("/api/v1/cases").param("size", "1000000").with(office)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("size"));
		mvc.perform(get("/api/v1/cases").param("from", "2026-13-01").with(office)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("from"));
		mvc.perform(get("/api/v1/cases").param("q", "<script>").with(office)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("q"));
		mvc.perform(get("/api/v1/cases/abc").with(office)).andExpect(status().isNotFound());
		step(999_999_999L, "register", office, "{\"version\":0}").andExpect(status().isNotFound());
		assertThat(row(id)).isEqualTo(before);
		assertThat(events(id)).isEqualTo(1);
	}

	@Test
	void staffEntryChecksItsFieldsAndTheEnterersScope() throws Exception {
		long before = jdbc.sql("select count(*) from rectification_case").query(Long.class).single();
		assertField(enter(office, "{\"source\":\"CITIZEN\",\"categoryCode\":\"SANITATION\",\"description\":\"x\",\"regionCode\":\"441202\"}"), "source");
		assertField(enter(office, "{\"source\":\"HOTLINE\",\"categoryCode\":\"SANITATION\",\"description\":\"x\",\"regionCode\":\"441203\"}"), "regionCode");
		assertField(enter(office, "{\"source\":\"HOTLINE\",\"categoryCode\":\"NOPE\",\"description\":\"x\",\"regionCode\":\"441202\"}"), "categoryCode");
		assertField(enter(office, "{\"source\":\"HOTLINE\",\"categoryCode\":\"SANITATION\",\"description\":\"x\",\"regionCode\":\"441202\",\"reporterContact\":\"call me\"}"), "reporterContact");
		assertField(enter(office, "{\"source\":\"HOTLINE\",\"categoryCode\":\"SANITATION\",\"description\":\"x\",\"regionCode\":\"441202\",\"latitude\":\"north\"}"), "latitude");
		assertThat(jdbc.sql("select count(*) from rectification_case").query(Long.class).single()).isEqualTo(before);
		String body = enter(office, "{\"source\":\"HOTLINE\",\"categoryCode\":\"SANITATION\",\"description\":\"热线：垃圾堆放\","
				+ "\"regionCode\":\"441202\",\"reporterName\":\"李女士\",\"reporterContact\":\"13800138000\"}")
				.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long id = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
		String detail = mvc.perform(get("/api/v1/cases/" + id).with(office)).andExpect(status().isOk())
				.andExpect(jsonPath("$.source").value("HOTLINE")).andExpect(jsonPath("$.reporterContactMasked").value("138****8000"))
				.andReturn().getResponse().getContentAsString();
		assertThat(detail).doesNotContain("13800138000");
	}

	long inProgress() throws Exception {
		long id = f.report("441202", "SANITATION");
		step(id, "register", office, "{\"version\":0}").andExpect(status().isOk());
		step(id, "dispatch", office, "{\"version\":1,\"unitId\":" + unit + "}").andExpect(status().isOk());
		step(id, "accept", handler, "{\"version\":2}").andExpect(status().isOk());
		return id;
	}

	ResultActions approve(long id, long approval, int version) throws Exception {
		return mvc.perform(post("/api/v1/cases/" + id + "/approvals/" + approval + "/approve").with(office).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}"));
	}

	ResultActions enter(RequestPostProcessor who, String json) throws Exception {
		return mvc.perform(post("/api/v1/cases").with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	static void assertField(ResultActions result, String field) throws Exception {
		result.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value(field));
	}

	Map<String, Object> row(long id) {
		Map<String, Object> row = new java.util.TreeMap<>(
				jdbc.sql("select * from rectification_case where id = :id").param("id", id).query().singleRow());
		row.replaceAll((k, v) -> v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
		return row;
	}

	long events(long id) {
		return jdbc.sql("select count(*) from case_event where case_id = :id").param("id", id).query(Long.class).single();
	}

	ResultActions step(long id, String action, RequestPostProcessor who, String json) throws Exception {
		return mvc.perform(post("/api/v1/cases/" + id + "/" + action).with(who).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(json));
	}
}
