package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.honor.HonorTestRows;
import org.wenming.honor.Honour;
import org.wenming.honor.brand.Awards;
import org.wenming.honor.brand.BrandProjects;
import org.wenming.honor.care.CareGrants;
import org.wenming.honor.care.CareMeasures;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopeViolation;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Every endpoint of honours part D ({@link DataScopeEndpointsTest#HONOR_CARE_BRANDS}), one by one: anonymous
 * is sent to sign in (401 for JSON) and a site administrator refused (403), with nothing stored; the office of
 * 鼎湖区 gets 404 for a record of 端州区 (and a security event), lists without it, creates in 端州区 refused,
 * nothing changed; the city office is served. The care register's workbook opens with its rows.
 */
@WenmingTest
@RecordApplicationEvents
class HonorCareBrandsEndpointsTest {

	static final String VILLAGE = "441202001002";

	static final String PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	CareMeasures measures;

	@Autowired
	CareGrants grants;

	@Autowired
	BrandProjects projects;

	@Autowired
	Awards awards;

	@Autowired
	ApplicationEvents events;

	/** 端州区's records that 鼎湖区 must never reach, named so a leak shows. */
	record Fixture(long rollEntry, String person, long measure, String measureName, long project, String projectName,
			long award, String awardTitle, long team, long site) {
	}

	enum Shape {
		LIST, RECORD, CREATE
	}

	record Probe(String endpoint, Shape shape, Function<Fixture, AbstractMockHttpServletRequestBuilder<?>> request) {
	}

	static String today() {
		return LocalDate.now(CityTime.ZONE).toString();
	}

	static final List<Probe> PROBES = List.of(
			new Probe("GET /admin/honor/care", Shape.LIST, f -> get("/admin/honor/care")
				.param("q", f.person().substring(0, f.person().length() - 2))),
			new Probe("GET /admin/honor/care/export.xlsx", Shape.LIST, f -> get("/admin/honor/care/export.xlsx")),
			new Probe("GET /admin/honor/care/measures", Shape.LIST, f -> get("/admin/honor/care/measures")),
			new Probe("POST /admin/honor/care/measures", Shape.CREATE, f -> post("/admin/honor/care/measures").with(csrf())
				.param("regionCode", "441202").param("code", "P" + suffix()).param("kind", "OTHER").param("name", "探针措施")),
			new Probe("GET /admin/honor/care/measures/{id}/edit", Shape.RECORD,
					f -> get("/admin/honor/care/measures/" + f.measure() + "/edit")),
			new Probe("POST /admin/honor/care/measures/{id}/edit", Shape.RECORD,
					f -> post("/admin/honor/care/measures/" + f.measure() + "/edit").with(csrf()).param("kind", "HEALTH_CHECK")
						.param("name", f.measureName()).param("defaultAmount", "300")),
			new Probe("POST /admin/honor/care/measures/{id}/active", Shape.RECORD,
					f -> post("/admin/honor/care/measures/" + f.measure() + "/active").with(csrf()).param("active", "true")),
			new Probe("GET /admin/honor/care/entries/{rollEntryId}", Shape.RECORD,
					f -> get("/admin/honor/care/entries/" + f.rollEntry())),
			new Probe("POST /admin/honor/care/entries/{rollEntryId}/grants", Shape.CREATE,
					f -> post("/admin/honor/care/entries/" + f.rollEntry() + "/grants").with(csrf())
						.param("measureId", String.valueOf(f.measure())).param("grantedOn", today())),
			new Probe("POST /api/v1/honor/care/grants", Shape.CREATE, f -> post("/api/v1/honor/care/grants").with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"rollEntryId\":\"" + f.rollEntry() + "\",\"measureId\":\""
						+ f.measure() + "\",\"grantedOn\":\"" + today() + "\"}")),
			new Probe("GET /api/v1/honor/care/totals", Shape.LIST,
					f -> get("/api/v1/honor/care/totals").param("measure", String.valueOf(f.measure()))),
			new Probe("GET /admin/honor/brands", Shape.LIST, f -> get("/admin/honor/brands")),
			new Probe("GET /admin/honor/brands/new", Shape.LIST, f -> get("/admin/honor/brands/new")),
			new Probe("POST /admin/honor/brands/new", Shape.CREATE, f -> post("/admin/honor/brands/new").with(csrf())
				.param("name", "探针项目" + suffix()).param("regionCode", "441202").param("teamId", String.valueOf(f.team()))),
			new Probe("GET /admin/honor/brands/{id}/edit", Shape.RECORD, f -> get("/admin/honor/brands/" + f.project() + "/edit")),
			new Probe("POST /admin/honor/brands/{id}/edit", Shape.RECORD, f -> post("/admin/honor/brands/" + f.project()
					+ "/edit").with(csrf()).param("name", f.projectName()).param("regionCode", "441202")
				.param("teamId", String.valueOf(f.team())).param("siteId", String.valueOf(f.site()))),
			new Probe("GET /admin/honor/awards", Shape.LIST, f -> get("/admin/honor/awards")),
			new Probe("GET /admin/honor/awards/new", Shape.LIST, f -> get("/admin/honor/awards/new")),
			new Probe("POST /admin/honor/awards/new", Shape.CREATE, f -> multipart("/admin/honor/awards/new").with(csrf())
				.param("subject", "TEAM").param("teamId", String.valueOf(f.team())).param("title", "探针奖" + suffix())
				.param("issuer", "探针单位").param("level", "CITY").param("year", "2024")),
			new Probe("GET /admin/honor/awards/{id}/edit", Shape.RECORD, f -> get("/admin/honor/awards/" + f.award() + "/edit")),
			new Probe("POST /admin/honor/awards/{id}/edit", Shape.RECORD, f -> multipart("/admin/honor/awards/" + f.award()
					+ "/edit").with(csrf()).param("subject", "PROJECT").param("projectId", String.valueOf(f.project()))
				.param("title", f.awardTitle()).param("issuer", "肇庆市文明办").param("level", "CITY").param("year", "2025")),
			new Probe("GET /admin/honor/awards/{id}/document", Shape.RECORD,
					f -> get("/admin/honor/awards/" + f.award() + "/document")),
			// last of the award's probes: it removes the document the one above reads
			new Probe("POST /admin/honor/awards/{id}/document/remove", Shape.RECORD,
					f -> post("/admin/honor/awards/" + f.award() + "/document/remove").with(csrf())),
			new Probe("POST /api/v1/honor/brands", Shape.CREATE, f -> post("/api/v1/honor/brands").with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"探针接口项目" + suffix()
						+ "\",\"regionCode\":\"441202\",\"teamId\":" + f.team() + "}")),
			new Probe("PUT /api/v1/honor/brands/{id}", Shape.RECORD, f -> put("/api/v1/honor/brands/" + f.project())
				.with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + f.projectName()
						+ "\",\"regionCode\":\"441202\",\"teamId\":" + f.team() + ",\"siteId\":" + f.site() + "}")),
			new Probe("POST /api/v1/honor/awards", Shape.CREATE, f -> post("/api/v1/honor/awards").with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"subject\":\"SITE\",\"subjectId\":\"" + f.site()
						+ "\",\"title\":\"探针接口奖" + suffix() + "\",\"issuer\":\"探针\",\"level\":\"PROVINCE\",\"year\":2023}")));

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	TestUsers users;

	Fixture duanzhou;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		String tag = suffix();
		String path = regions.find("441202").orElseThrow().path();
		ScopedUser office = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		String person = "端州礼遇" + tag;
		long entry = HonorTestRows.rollEntry(jdbc, person, VILLAGE, Honour.NATION_GOOD, "2026Q3", "GIVEN");
		String measureName = "端州体检" + tag;
		long measure = measures.create("441202", "HC" + tag, "HEALTH_CHECK", measureName, "", "300", office).id();
		grants.grant(entry, String.valueOf(measure), "", today(), "年度体检", office);
		long team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', '441202', :path, 'test') returning id""")
			.param("name", "端州品牌队" + tag).param("path", path).query(Long.class).single();
		long site = jdbc.sql("""
				insert into practice_site (region_code, region_path, kind, name, generated, updated_by)
				values ('441202', :path, 'POINT', :name, false, 'test') returning id""")
			.param("path", path).param("name", "端州品牌点" + tag).query(Long.class).single();
		String projectName = "端州大擂台" + tag;
		long project = projects.create(new BrandProjects.Draft(projectName, "", String.valueOf(team), String.valueOf(site),
				"441202", "2019", "ACTIVE"), office).id();
		String awardTitle = "端州示范项目" + tag;
		long award = awards.create(new Awards.Draft("PROJECT", String.valueOf(project), awardTitle, "肇庆市文明办", "CITY",
				"2025"), PDF.getBytes(StandardCharsets.US_ASCII), office).id();
		duanzhou = new Fixture(entry, person, measure, measureName, project, projectName, award, awardTitle, team, site);
	}

	@Test
	void everyEndpointIsProbed() {
		TreeSet<String> probed = new TreeSet<>();
		PROBES.forEach(p -> probed.add(p.endpoint()));
		assertThat(probed).isEqualTo(new TreeSet<>(DataScopeEndpointsTest.HONOR_CARE_BRANDS));
	}

	Map<String, Object> snapshot() {
		return jdbc.sql("""
				select (select count(*) from honor_care_measure) as measures, (select count(*) from honor_care_grant) as grants,
				       (select count(*) from honor_brand_project) as projects, (select count(*) from honor_award) as awards,
				       (select name || active || kind from honor_care_measure where id = :m) as measure,
				       (select name || coalesce(site_id, 0) || status from honor_brand_project where id = :p) as project,
				       (select title || coalesce(project_id, 0) || year from honor_award where id = :a) as award,
				       (select document_key from honor_award where id = :a) as award_document""")
			.param("m", duanzhou.measure()).param("p", duanzhou.project()).param("a", duanzhou.award()).query().singleRow();
	}

	@Test
	void anonymousAndSiteAdministratorsAreRefusedEverywhere() throws Exception {
		Map<String, Object> before = snapshot();
		RequestPostProcessor siteAdmin = users.staff("441202", Roles.SITE_ADMIN);
		List<String> failures = new ArrayList<>();
		for (Probe probe : PROBES) {
			int anonymous = mvc.perform(probe.request().apply(duanzhou)).andReturn().getResponse().getStatus();
			if (anonymous != 302 && anonymous != 401 && anonymous != 403) {
				failures.add(probe.endpoint() + " anonymous: " + anonymous);
			}
			int admin = mvc.perform(probe.request().apply(duanzhou).with(siteAdmin)).andReturn().getResponse().getStatus();
			if (admin != 403) {
				failures.add(probe.endpoint() + " site administrator: " + admin);
			}
		}
		assertThat(failures).isEmpty();
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void anotherCountysOfficeCannotReachTheRecords() throws Exception {
		Map<String, Object> before = snapshot();
		RequestPostProcessor dinghu = users.staff("441203", Roles.OFFICE_STAFF);
		List<String> failures = new ArrayList<>();
		for (Probe probe : PROBES) {
			long violations = events.stream(ScopeViolation.class).count();
			MvcResult result = mvc.perform(probe.request().apply(duanzhou).with(dinghu)).andReturn();
			int status = result.getResponse().getStatus();
			String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
			boolean leaks = body.contains(duanzhou.person()) || body.contains(duanzhou.measureName())
					|| body.contains(duanzhou.projectName()) || body.contains(duanzhou.awardTitle());
			boolean refused = switch (probe.shape()) {
				case LIST -> status == 200;
				case RECORD -> status == 404 && events.stream(ScopeViolation.class).count() > violations;
				case CREATE -> status == 400 || status == 404;
			};
			if (!refused || leaks) {
				failures.add(probe.endpoint() + ": " + status + (leaks ? " (leaks)" : ""));
			}
		}
		assertThat(failures).isEmpty();
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void theCityOfficeIsServedAndTheWorkbookOpens() throws Exception {
		RequestPostProcessor city = users.staff("4412", Roles.OFFICE_STAFF);
		List<String> failures = new ArrayList<>();
		for (Probe probe : PROBES) {
			int status = mvc.perform(probe.request().apply(duanzhou).with(city)).andReturn().getResponse().getStatus();
			if (status >= 400) {
				failures.add(probe.endpoint() + ": " + status);
			}
		}
		assertThat(failures).isEmpty();
		MvcResult xlsx = mvc.perform(get("/admin/honor/care/export.xlsx").with(city)
			.param("measure", String.valueOf(duanzhou.measure())).param("lang", "zh-CN")).andReturn();
		assertThat(xlsx.getResponse().getStatus()).isEqualTo(200);
		try (ReadableWorkbook workbook = new ReadableWorkbook(
				new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
			List<String> sheets = new ArrayList<>();
			workbook.getSheets().forEach(s -> sheets.add(s.getName()));
			assertThat(sheets).contains("礼遇帮扶台账", "按措施和年份", "按县（市、区）", "说明");
			List<Row> rows = workbook.getFirstSheet().read();
			assertThat(rows.get(0).getCellText(0)).isEqualTo("姓名");
			// the fixture's grant, and the probes' two grants by the city office, at the usual 300 yuan
			assertThat(rows).hasSize(4);
			assertThat(rows.get(1).getCellText(0)).isEqualTo(duanzhou.person());
			assertThat(rows.get(1).getCellText(1)).isEqualTo("中国好人");
			assertThat(new java.math.BigDecimal(rows.get(1).getCellText(6))).isEqualByComparingTo("300");
			List<Row> totals = workbook.getSheets().toList().get(1).read();
			assertThat(totals.get(1).getCellText(1)).isEqualTo("3");
			assertThat(new java.math.BigDecimal(totals.get(1).getCellText(2))).isEqualByComparingTo("900");
		}
	}
}
