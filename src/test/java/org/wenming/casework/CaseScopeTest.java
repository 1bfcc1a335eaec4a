package org.wenming.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.casework.photo.PhotoStage;
import org.wenming.casework.photo.TestImages;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;

/**
 * The data scope across every casework endpoint, in the DataScopeEndpointsTest pattern: a 鼎湖区
 * (441203) office can neither list, read nor act on a 端州区 (441202) case or unit, through pages or
 * the API, and changes nothing; a handler of another unit sees none of it; the city-wide category
 * tree and calendar refuse a county office; the city office (4412) reaches the case.
 */
@WenmingTest
class CaseScopeTest {

	enum Shape {
		/** allowed to answer, never with the other county's case or unit in it */
		LIST,
		/** one record: not found (or forbidden) */
		RECORD,
		/** creating in the other county, or a city-wide edit by a county office: refused */
		CREATE
	}

	record Fixture(long caseId, String caseNumber, String description, long unitId, String unitName, long handlerId,
			long approvalId, long photoId) {
	}

	record Probe(String endpoint, Shape shape, Function<Fixture, MockHttpServletRequestBuilder> request) {
	}

	static MockHttpServletRequestBuilder json(String url, String body) {
		return post(url).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	static final List<Probe> PROBES = List.of(
			new Probe("GET /api/v1/cases", Shape.LIST, f -> get("/api/v1/cases").param("region", "441202")),
			new Probe("GET /api/v1/cases/unit", Shape.LIST, f -> get("/api/v1/cases/unit")),
			new Probe("GET /api/v1/cases/inspection", Shape.LIST, f -> get("/api/v1/cases/inspection")),
			new Probe("GET /api/v1/cases/supervision", Shape.LIST, f -> get("/api/v1/cases/supervision")),
			new Probe("GET /api/v1/cases/{id}", Shape.RECORD, f -> get("/api/v1/cases/" + f.caseId())),
			new Probe("GET /api/v1/cases/{id}/duplicates", Shape.RECORD, f -> get("/api/v1/cases/" + f.caseId() + "/duplicates")),
			new Probe("POST /api/v1/cases", Shape.CREATE, f -> json("/api/v1/cases",
					"{\"source\":\"HOTLINE\",\"categoryCode\":\"SANITATION\",\"description\":\"越界录入\",\"regionCode\":\"441202\"}")),
			step("register", "{\"version\":0}"), step("reject", "{\"version\":0,\"reason\":\"越界\"}"),
			step("dispatch", "{\"version\":0,\"unitId\":__unit__}"), step("accept", "{\"version\":0}"),
			step("fix", "{\"version\":0,\"note\":\"越界\"}"), step("verify", "{\"version\":0}"),
			step("rework", "{\"version\":0,\"reason\":\"越界\"}"),
			step("extension", "{\"version\":0,\"dueAt\":\"2030-01-01T17:30:00+08:00\",\"reason\":\"越界\"}"),
			step("suspension", "{\"version\":0,\"reason\":\"越界\"}"), step("resume", "{\"version\":0}"),
			step("reopen", "{\"version\":0,\"reason\":\"越界\"}"), step("merge", "{\"version\":0,\"targetId\":1}"),
			new Probe("POST /api/v1/cases/{id}/approvals/{approvalId}/approve", Shape.RECORD, f -> json(
					"/api/v1/cases/" + f.caseId() + "/approvals/" + f.approvalId() + "/approve", "{\"version\":0}")),
			new Probe("POST /api/v1/cases/{id}/approvals/{approvalId}/decline", Shape.RECORD, f -> json(
					"/api/v1/cases/" + f.caseId() + "/approvals/" + f.approvalId() + "/decline",
					"{\"version\":0,\"reason\":\"越界\"}")),
			new Probe("GET /admin/cases", Shape.LIST, f -> get("/admin/cases").param("region", "441202")),
			new Probe("GET /admin/cases/supervision", Shape.LIST, f -> get("/admin/cases/supervision")),
			new Probe("GET /unit/cases", Shape.LIST, f -> get("/unit/cases")),
			new Probe("GET /inspector/cases", Shape.LIST, f -> get("/inspector/cases")),
			new Probe("GET /admin/cases/new", Shape.LIST, f -> get("/admin/cases/new")),
			new Probe("POST /admin/cases/new", Shape.CREATE, f -> post("/admin/cases/new").with(csrf())
					.param("source", "HOTLINE").param("categoryCode", "SANITATION").param("description", "越界录入")
					.param("regionCode", "441202")),
			new Probe("GET /admin/cases/{id}", Shape.RECORD, f -> get("/admin/cases/" + f.caseId())),
			new Probe("GET /admin/cases/{id}/photos/{photoId}", Shape.RECORD, f -> get(
					"/admin/cases/" + f.caseId() + "/photos/" + f.photoId())),
			new Probe("POST /admin/cases/{id}/steps/{action}", Shape.RECORD, f -> post(
					"/admin/cases/" + f.caseId() + "/steps/REGISTER").with(csrf()).param("version", "0")),
			new Probe("GET /admin/casework/categories", Shape.CREATE, f -> get("/admin/casework/categories")),
			new Probe("POST /admin/casework/categories", Shape.CREATE, f -> post("/admin/casework/categories").with(csrf())
					.param("code", "SCOPE_PROBE").param("parentCode", "CIVIC_ORDER").param("nameZh", "越界")
					.param("nameEn", "Probe").param("deadlineAmount", "3").param("deadlineUnit", "WORKING_DAYS")),
			new Probe("POST /admin/casework/categories/{code}", Shape.CREATE, f -> post(
					"/admin/casework/categories/SANITATION").with(csrf()).param("nameZh", "越界改名").param("nameEn", "x")
					.param("deadlineAmount", "1").param("deadlineUnit", "WORKING_DAYS").param("active", "true")),
			new Probe("GET /admin/casework/units", Shape.LIST, f -> get("/admin/casework/units")),
			new Probe("POST /admin/casework/units", Shape.CREATE, f -> post("/admin/casework/units").with(csrf())
					.param("name", "越界单位" + CaseFixtures.suffix()).param("kind", "BUREAU").param("regionCode", "441202")),
			new Probe("POST /admin/casework/units/{id}/members", Shape.RECORD, f -> post(
					"/admin/casework/units/" + f.unitId() + "/members").with(csrf()).param("username", "admin")),
			new Probe("POST /admin/casework/units/{id}/members/{userId}/remove", Shape.RECORD, f -> post(
					"/admin/casework/units/" + f.unitId() + "/members/" + f.handlerId() + "/remove").with(csrf())),
			new Probe("POST /admin/casework/units/{id}/active", Shape.RECORD, f -> post(
					"/admin/casework/units/" + f.unitId() + "/active").with(csrf()).param("active", "false")),
			new Probe("GET /admin/casework/calendar", Shape.CREATE, f -> get("/admin/casework/calendar").param("year", "2026")),
			new Probe("POST /admin/casework/calendar", Shape.CREATE, f -> post("/admin/casework/calendar").with(csrf())
					.param("day", "2026-12-31").param("kind", "HOLIDAY").param("name", "越界假日")),
			new Probe("POST /admin/casework/calendar/{day}/remove", Shape.CREATE, f -> post(
					"/admin/casework/calendar/2026-10-01/remove").with(csrf())));

	static Probe step(String action, String body) {
		return new Probe("POST /api/v1/cases/{id}/" + action, Shape.RECORD,
				f -> json("/api/v1/cases/" + f.caseId() + "/" + action, body.replace("__unit__", String.valueOf(f.unitId()))));
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Cases cases;

	@Autowired
	Regions regions;

	@Autowired
	CasePhotos photos;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	CaseFixtures f;

	Fixture duanzhou;

	@BeforeEach
	void aDuanzhouCaseDispatchedToADuanzhouUnitWithAPendingExtension() {
		f = new CaseFixtures(jdbc, cases, regions);
		long handler = f.account("441202", Roles.UNIT_HANDLER);
		long unit = f.unit("441202", handler);
		String unitName = jdbc.sql("select name from responsible_unit where id = :id").param("id", unit)
				.query(String.class).single();
		long id = f.report("441202", "SANITATION");
		jdbc.sql("""
				update rectification_case set status = 'IN_PROGRESS', unit_id = :unit, registered_at = now(),
				    dispatched_at = now(), due_at = now() - interval '30 days', escalation_level = 3 where id = :id""")
				.param("unit", unit).param("id", id).update();
		long approval = jdbc.sql("""
				insert into case_approval (case_id, kind, requested_by, reason, requested_due_at)
				values (:id, 'EXTENSION', 'test', '需要配合', now() + interval '60 days') returning id""").param("id", id)
				.query(Long.class).single();
		long photo = photos.store(id, PhotoStage.BEFORE, TestImages.jpeg(64, 48), "test").id();
		CaseView view = cases.find(id).orElseThrow();
		duanzhou = new Fixture(id, view.caseNumber(), view.description(), unit, unitName, handler, approval, photo);
	}

	@Test
	void everyCaseworkEndpointIsProbedAndClassified() {
		Set<String> mapped = new TreeSet<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (pattern.contains("/cases") || pattern.contains("/casework")) {
					info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + pattern));
				}
			}
		}
		Set<String> probed = new TreeSet<>();
		PROBES.forEach(p -> probed.add(p.endpoint()));
		// every probe is a real endpoint, and every endpoint of this part is probed; other parts of the
		// module (citizens' report and follow pages, statistics and rankings, Open311) probe their own
		assertThat(mapped).containsAll(probed);
		mapped.removeIf(e -> e.contains("/open311") || e.contains("/statistics") || e.contains("/rankings")
				|| e.contains("/follow") || e.contains("/report") || e.contains("/rating") || e.contains("/me/cases"));
		assertThat(probed).containsAll(mapped);
	}

	@Test
	void aCountyOfficeCannotReachAnotherCountysCases() throws Exception {
		assertRefusedFor(f.users.staff("441203", Roles.OFFICE_STAFF));
	}

	@Test
	void aHandlerOfAnotherUnitCannotReachTheCase() throws Exception {
		long other = f.account("441202", Roles.UNIT_HANDLER);
		f.unit("441202", other);
		assertRefusedFor(f.as(other, "441202", Roles.UNIT_HANDLER));
	}

	@Test
	void theCityOfficeReachesTheCase() throws Exception {
		RequestPostProcessor city = f.users.staff("4412", Roles.OFFICE_STAFF);
		assertThat(mvc.perform(get("/api/v1/cases").param("region", "441202").param("q", duanzhou.caseNumber()).with(city))
				.andReturn().getResponse().getContentAsString()).contains(duanzhou.caseNumber());
		assertThat(mvc.perform(get("/admin/cases/" + duanzhou.caseId() + "/photos/" + duanzhou.photoId()).with(city))
				.andReturn().getResponse().getContentType()).isEqualTo("image/jpeg");
		assertThat(mvc.perform(get("/admin/cases/" + duanzhou.caseId()).with(city)).andReturn().getResponse()
				.getContentAsString()).contains(duanzhou.description()).contains(duanzhou.unitName());
		assertThat(mvc.perform(get("/api/v1/cases/supervision").param("region", "441202")
				.param("q", duanzhou.caseNumber()).with(city))
				.andReturn().getResponse().getContentAsString()).contains(duanzhou.caseNumber());
		assertThat(mvc.perform(json("/api/v1/cases/" + duanzhou.caseId() + "/approvals/" + duanzhou.approvalId()
				+ "/approve", "{\"version\":0}").with(city)).andReturn().getResponse().getStatus()).isEqualTo(200);
	}

	private void assertRefusedFor(RequestPostProcessor who) throws Exception {
		Map<String, Object> before = snapshot();
		List<String> failures = new ArrayList<>();
		for (Probe probe : PROBES) {
			MvcResult result = mvc.perform(probe.request().apply(duanzhou).with(who)).andReturn();
			int status = result.getResponse().getStatus();
			String body = result.getResponse().getContentAsString();
			boolean leaks = body.contains(duanzhou.caseNumber()) || body.contains(duanzhou.description())
					|| body.contains(duanzhou.unitName());
			boolean refused = switch (probe.shape()) {
				case LIST -> status == 200 || status == 403;
				case RECORD -> status == 403 || status == 404;
				case CREATE -> status == 400 || status == 403;
			};
			if (!refused || leaks) {
				failures.add(probe.endpoint() + " answered " + status + (leaks ? " with 端州区 data" : "") + (status >= 400 && status != 404 && status != 403 ? " " + body : ""));
			}
		}
		assertThat(failures).isEmpty();
		assertThat(snapshot()).isEqualTo(before);
	}

	private Map<String, Object> snapshot() {
		return Map.of("case", jdbc.sql("select status || ':' || version || ':' || coalesce(unit_id, 0) from rectification_case where id = :id")
				.param("id", duanzhou.caseId()).query(String.class).single(),
				"cases", count("rectification_case"), "events", count("case_event"),
				"approvals", jdbc.sql("select string_agg(status, ',' order by id) from case_approval where case_id = :id")
						.param("id", duanzhou.caseId()).query(String.class).single(),
				"units", jdbc.sql("select string_agg(name || active, ',' order by id) from responsible_unit").query(String.class).single(),
				"members", count("responsible_unit_member"),
				"categories", jdbc.sql("select string_agg(code || name_zh || deadline_amount, ',' order by code) from case_category").query(String.class).single(),
				"calendar", count("work_calendar_day"));
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}
}
