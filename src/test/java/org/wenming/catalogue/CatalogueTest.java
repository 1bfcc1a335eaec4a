package org.wenming.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The government-service catalogue against the real database: items kept by the office staff in scope, bad input
 * refused naming the field with nothing stored; Chinese search by name and material (Simplified and Traditional)
 * with the department and scope filters; the workbook import refused row by row (a bad row, a missing column, a
 * duplicate code, a non-https link) with nothing stored, then stored whole; the export read back; the pages and
 * the JSON.
 */
@WenmingTest
class CatalogueTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Catalogue catalogue;

	@Autowired
	CatalogueTransfer transfer;

	@Autowired
	CatalogueFigures figures;

	TestUsers users;

	ScopedUser duanzhou;

	ScopedUser dinghu;

	String tag;

	String department;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		duanzhou = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		dinghu = users.staffPrincipal("441203", Roles.OFFICE_STAFF);
		tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		department = "公安局" + tag;
	}

	CatalogueDraft draft(String code, String name, String materials, List<String> scopes) {
		return new CatalogueDraft(code, name, department, "COUNTY", "441202", "到区政务服务中心办理",
				"https://www.gdzwfw.gov.cn/", materials, "20", "免费", scopes, List.of("佛山市"));
	}

	long count() {
		return jdbc.sql("select count(*) from catalogue_item").query(Long.class).single();
	}

	static List<String> fields(CatalogueRefusedException ex) {
		return ex.problems().stream().map(FieldProblem::field).toList();
	}

	void refused(Runnable call, String... fields) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(CatalogueRefusedException.class,
				ex -> assertThat(fields(ex)).containsExactlyInAnyOrder(fields));
	}

	Catalogue.Query query(String text, ScopeTag scope) {
		return new Catalogue.Query(regions.find("4412").orElseThrow().scope(), text, department, scope);
	}

	List<String> names(String text, ScopeTag scope) {
		return catalogue.search(query(text, scope), 0, 50).items().stream().map(CatalogueItem::name).toList();
	}

	@Test
	void itemsAreKeptByStaffInScopeWithTheirScopeTags() {
		CatalogueItem item = catalogue.create(draft("T-" + tag, " 居民身份证换领 ", "居民户口簿\n原居民身份证\n\n近期免冠照片",
				List.of("CROSS_PROVINCE", "CITY_WIDE")), duanzhou);
		assertThat(item.name()).isEqualTo("居民身份证换领");
		assertThat(item.cityCode()).isEqualTo("4412");
		assertThat(item.scopeTags()).containsExactly(ScopeTag.CITY_WIDE, ScopeTag.CROSS_PROVINCE);
		assertThat(item.materialList()).containsExactly("居民户口簿", "原居民身份证", "近期免冠照片");
		assertThat(item.timeLimitDays()).isEqualTo(20);
		assertThat(item.partnerList()).containsExactly("佛山市");
		// another county's staff neither read nor change it; the city's do
		assertThatThrownBy(() -> catalogue.update(item.id(), draft("T-" + tag, "改名", "", List.of()), dinghu))
			.isInstanceOf(OutOfScopeException.class);
		CatalogueItem changed = catalogue.update(item.id(), draft("T-" + tag, "居民身份证换领（到期换领）", "居民户口簿",
				List.of("FOSHAN_ZHAOQING")), users.staffPrincipal("4412", Roles.OFFICE_STAFF));
		assertThat(changed.scopeTags()).containsExactly(ScopeTag.FOSHAN_ZHAOQING);
		assertThat(changed.version()).isEqualTo(1);
		// a code is once per city
		refused(() -> catalogue.create(draft("T-" + tag, "另一个", "", List.of()), duanzhou), "code");
		// a volunteer manages nothing
		assertThatThrownBy(() -> catalogue.create(draft("V-" + tag, "x", "", List.of()),
				users.staffPrincipal("441202", Roles.VOLUNTEER))).isInstanceOf(RecordNotFound.class);
		catalogue.delete(item.id(), duanzhou);
		assertThat(catalogue.find(item.id())).isEmpty();
	}

	@Test
	void anotherCountysOfficeNeitherReadsNorChangesNorDeletesAnItem() throws Exception {
		CatalogueItem item = catalogue.create(draft("S-" + tag, "结婚登记", "居民户口簿", List.of("CITY_WIDE")), duanzhou);
		RequestPostProcessor other = users.staff("441203", Roles.OFFICE_STAFF);
		assertThat(mvc.perform(get("/admin/catalogue/" + item.id() + "/edit").with(other)).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/admin/catalogue/" + item.id() + "/edit").with(other).with(csrf())
			.param("code", "S-" + tag).param("name", "改了").param("department", "d").param("level", "COUNTY")
			.param("regionCode", "441203")).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/admin/catalogue/" + item.id() + "/delete").with(other).with(csrf())).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.put("/api/v1/catalogue/items/id/" + item.id()).with(other).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\":\"S-" + tag + "\",\"name\":\"改了\",\"department\":\"d\",\"level\":\"COUNTY\","
					+ "\"regionCode\":\"441203\"}")).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.delete("/api/v1/catalogue/items/id/" + item.id()).with(other).with(csrf())).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		// creating in another county's region: refused naming the region, nothing stored
		long before = count();
		MvcResult outside = mvc.perform(post("/admin/catalogue/new").with(users.staff("441203", Roles.OFFICE_STAFF))
			.with(csrf()).param("code", "O-" + tag).param("name", "x").param("department", "d").param("level", "COUNTY")
			.param("regionCode", "441202")).andReturn();
		assertThat(outside.getResponse().getStatus()).isEqualTo(400);
		assertThat(outside.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("id=\"regionCode-error\"");
		assertThat(count()).isEqualTo(before);
		// the other county's list does not show it
		assertThat(page(get("/admin/catalogue").param("department", department), other)).doesNotContain("S-" + tag);
		CatalogueItem after = catalogue.find(item.id()).orElseThrow();
		assertThat(after.name()).isEqualTo("结婚登记");
		assertThat(after.version()).isZero();
	}

	@Test
	void twoStaffCreatingTheSameCodeAtOnceGetOneItemAndOneRefusal() throws Exception {
		int threads = 6;
		var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
		var start = new java.util.concurrent.CountDownLatch(1);
		List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int n = i;
			outcomes.add(pool.submit(() -> {
				start.await();
				try {
					catalogue.create(draft("R-" + tag, "同时新增" + n, "", List.of("CITY_WIDE")), duanzhou);
					return "created";
				}
				catch (CatalogueRefusedException ex) {
					return String.join(",", fields(ex));
				}
			}));
		}
		start.countDown();
		List<String> results = new ArrayList<>();
		for (var f : outcomes) {
			results.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
		}
		pool.shutdown();
		assertThat(results).filteredOn("created"::equals).hasSize(1);
		assertThat(results).filteredOn("code"::equals).hasSize(threads - 1);
		assertThat(jdbc.sql("select count(*) from catalogue_item where code = :c").param("c", "R-" + tag)
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void theDashboardShowsTheThreeCounts() throws Exception {
		String dashboard = page("/dashboard");
		assertThat(dashboard).contains("data-scope=\"CITY_WIDE\"", "data-scope=\"FOSHAN_ZHAOQING\"",
				"data-scope=\"CROSS_PROVINCE\"", "同城通办", "佛肇通办", "跨省通办", "href=\"/services\"");
	}

	@Test
	void badInputIsRefusedNamingEveryFieldAndNothingIsStored() {
		long before = count();
		refused(() -> catalogue.create(new CatalogueDraft("bad code!", "", "", "GALAXY", "441203", "", "http://example.com",
				"", "-1", "", List.of("EVERYWHERE"), List.of()), duanzhou), "code", "name", "department", "level",
				"regionCode", "onlineLink", "timeLimitDays", "scopes");
		refused(() -> catalogue.create(new CatalogueDraft("", "x", "y", "CITY", "99999999", "", "https://", "", "", "",
				List.of(), List.of("a\u0007b")), duanzhou), "code", "regionCode", "onlineLink", "partners");
		refused(() -> catalogue.create(new CatalogueDraft("C1" + tag, "x".repeat(201), "y", "CITY", "441202",
				"", "javascript:alert(1)", "m".repeat(8001), "99999", "", List.of(), List.of()), duanzhou),
				"name", "onlineLink", "materials", "timeLimitDays");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void chineseSearchFindsByNameAndMaterialInEitherScript() {
		catalogue.create(draft("A-" + tag, "居民身份证换领", "居民户口簿\n原居民身份证", List.of("CITY_WIDE")), duanzhou);
		catalogue.create(draft("B-" + tag, "社会保障卡申领", "居民身份证\n近期免冠照片", List.of("CROSS_PROVINCE")), duanzhou);
		catalogue.create(draft("C-" + tag, "机动车驾驶证换证", "机动车驾驶证\n身体条件证明", List.of("CITY_WIDE", "FOSHAN_ZHAOQING")),
				duanzhou);
		catalogue.create(draft("D-" + tag, "新时代文明实践中心场地预约", "预约申请", List.of()), duanzhou);
		// by name first, then by material
		assertThat(names("身份证", null)).containsExactly("居民身份证换领", "社会保障卡申领");
		assertThat(names("身份證", null)).containsExactly("居民身份证换领", "社会保障卡申领");
		assertThat(names("居民身份证换领", null)).containsExactly("居民身份证换领");
		assertThat(names("免冠照片", null)).containsExactly("社会保障卡申领");
		assertThat(names("文明实践", null)).containsExactly("新时代文明实践中心场地预约");
		assertThat(names("证", null)).hasSize(3);
		assertThat(names("护照", null)).isEmpty();
		assertThat(names("实践文明", null)).isEmpty();
		// filters
		assertThat(names("", ScopeTag.CITY_WIDE)).containsExactlyInAnyOrder("居民身份证换领", "机动车驾驶证换证");
		assertThat(names("驾驶证", ScopeTag.FOSHAN_ZHAOQING)).containsExactly("机动车驾驶证换证");
		assertThat(names("身份证", ScopeTag.FOSHAN_ZHAOQING)).isEmpty();
		// the counts by tag grow by the items' tags
		var counts = figures.counts(regions.find("441202").orElseThrow().scope());
		assertThat(counts.of(ScopeTag.CITY_WIDE)).isGreaterThanOrEqualTo(2);
		// paged
		var page = catalogue.search(query("", null), 1, 3);
		assertThat(page.total()).isEqualTo(4);
		assertThat(page.items()).hasSize(1);
		assertThat(page.pages()).isEqualTo(2);
	}

	// ---- import and export ---------------------------------------------------------------------------------

	static byte[] workbook(List<List<String>> rows) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Workbook wb = new Workbook(out, "test", "1.0");
		Worksheet sheet = wb.newWorksheet("items");
		for (int r = 0; r < rows.size(); r++) {
			for (int c = 0; c < rows.get(r).size(); c++) {
				sheet.value(r, c, rows.get(r).get(c));
			}
		}
		wb.finish();
		return out.toByteArray();
	}

	List<String> row(String code, String name, String region, String link, String scopes) {
		return List.of(code, name, department, "COUNTY", region, "窗口办理", link, "居民身份证\n申请表", "5", "免费", scopes,
				"佛山市、湖南省");
	}

	@Test
	void anImportWithBadRowsStoresNothingAndNamesEachRowAndField() throws IOException {
		long before = count();
		byte[] bad = workbook(List.of(CatalogueTransfer.COLUMNS,
				row("I1-" + tag, "居民身份证换领", "441202", "https://www.gdzwfw.gov.cn/", "CITY_WIDE"),
				row("I2-" + tag, "", "441202", "", "CITY_WIDE"),
				row("I1-" + tag, "重复编码", "441202", "", ""),
				row("I4-" + tag, "明文链接", "441202", "http://www.gdzwfw.gov.cn/", "CROSS_PROVINCE"),
				row("I5-" + tag, "外区事项", "441203", "", "SOMEWHERE")));
		CatalogueTransfer.Report report = transfer.importXlsx(bad, duanzhou);
		assertThat(report.stored()).isFalse();
		assertThat(report.errors()).extracting(e -> e.row() + ":" + e.field())
			.containsExactlyInAnyOrder("3:name", "4:code", "5:onlineLink", "6:regionCode", "6:scopes");
		assertThat(count()).isEqualTo(before);
		// a missing required column: the header row, that column
		List<String> header = new ArrayList<>(CatalogueTransfer.COLUMNS);
		header.set(header.indexOf("department"), "dept");
		CatalogueTransfer.Report missing = transfer.importXlsx(workbook(List.of(header,
				row("I1-" + tag, "居民身份证换领", "441202", "", ""))), duanzhou);
		assertThat(missing.errors()).extracting(e -> e.row() + ":" + e.field()).containsExactly("1:department");
		// not a workbook at all
		assertThat(transfer.importXlsx("not a workbook".getBytes(StandardCharsets.UTF_8), duanzhou).errors())
			.extracting(CatalogueTransfer.RowError::messageKey).containsExactly("catalogue.import.notWorkbook");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aGoodImportAddsAndChangesByCodeAndTheExportReadsBack() throws Exception {
		byte[] good = workbook(List.of(CatalogueTransfer.COLUMNS,
				row("G1-" + tag, "居民身份证换领", "441202", "https://www.gdzwfw.gov.cn/", "CITY_WIDE,CROSS_PROVINCE"),
				row("G2-" + tag, "个体工商户登记", "441202", "", "FOSHAN_ZHAOQING")));
		CatalogueTransfer.Report first = transfer.importXlsx(good, duanzhou);
		assertThat(first.errors()).isEmpty();
		assertThat(first.added()).isEqualTo(2);
		CatalogueItem g1 = catalogue.findByCode("4412", "G1-" + tag).orElseThrow();
		assertThat(g1.scopeTags()).containsExactly(ScopeTag.CITY_WIDE, ScopeTag.CROSS_PROVINCE);
		assertThat(g1.partnerList()).containsExactly("佛山市", "湖南省");
		assertThat(g1.materialList()).containsExactly("居民身份证", "申请表");
		assertThat(g1.timeLimitDays()).isEqualTo(5);
		// again: both changed, none added
		CatalogueTransfer.Report again = transfer.importXlsx(good, duanzhou);
		assertThat(again.added()).isZero();
		assertThat(again.changed()).isEqualTo(2);
		// the export of a search is a workbook the import reads back
		byte[] exported = transfer.exportXlsx(query("", ScopeTag.FOSHAN_ZHAOQING));
		try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(exported));
				var rows = wb.getFirstSheet().openStream()) {
			List<String> codes = rows.skip(1).map(r -> r.getCellText(0)).toList();
			assertThat(codes).containsExactly("G2-" + tag);
		}
		assertThat(transfer.importXlsx(exported, duanzhou).changed()).isEqualTo(1);
		// through the page: a bad workbook answers 400 with the rows
		MvcResult page = mvc.perform(multipart("/admin/catalogue/import")
			.file(new MockMultipartFile("file", "items.xlsx", "application/octet-stream", workbook(List.of(
					CatalogueTransfer.COLUMNS, row("P1-" + tag, "", "441202", "ftp://x", "")))))
			.with(csrf()).with(users.staff("441202", Roles.OFFICE_STAFF))).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(400);
		assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("data-row=\"2\"",
				"data-field=\"name\"", "data-field=\"onlineLink\"");
		MvcResult export = mvc.perform(get("/admin/catalogue/export.xlsx").param("department", department)
			.with(users.staff("441202", Roles.OFFICE_STAFF))).andReturn();
		assertThat(export.getResponse().getStatus()).isEqualTo(200);
		assertThat(export.getResponse().getContentAsByteArray()).startsWith('P', 'K');
	}

	// ---- pages and JSON -----------------------------------------------------------------------------------

	String page(String address, RequestPostProcessor... as) throws Exception {
		return page(get(address), as);
	}

	String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			RequestPostProcessor... as) throws Exception {
		String address = request.toString();
		for (RequestPostProcessor p : as) {
			request = request.with(p);
		}
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(address).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void thePagesAndTheJsonShowTheItems() throws Exception {
		catalogue.create(draft("W-" + tag, "居民身份证换领", "居民户口簿\n原居民身份证", List.of("CITY_WIDE", "CROSS_PROVINCE")),
				duanzhou);
		String search = page(get("/services").param("q", "身份证").param("department", department));
		assertThat(search).contains("居民身份证换领", "/services/W-" + tag, "同城通办", "跨省通办");
		String item = page("/services/W-" + tag);
		assertThat(item).contains("居民身份证换领", "居民户口簿", "原居民身份证", "https://www.gdzwfw.gov.cn/", "data-scope=\"CITY_WIDE\"",
				"data-scope=\"CROSS_PROVINCE\"", department, "佛山市");
		assertThat(mvc.perform(get("/services/NOPE-" + tag)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/services").param("scope", "MOON")).andReturn().getResponse().getStatus())
			.isEqualTo(400);
		String json = mvc.perform(get("/api/v1/catalogue/items").param("q", "身份證").param("department", department)
			.param("scope", "CROSS_PROVINCE")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(json).contains("\"code\":\"W-" + tag + "\"", "\"total\":1", "\"materials\":[\"居民户口簿\",\"原居民身份证\"]");
		MvcResult bad = mvc.perform(get("/api/v1/catalogue/items").param("scope", "MOON").param("page", "x")).andReturn();
		assertThat(bad.getResponse().getStatus()).isEqualTo(400);
		// staff pages
		RequestPostProcessor office = users.staff("441202", Roles.OFFICE_STAFF);
		assertThat(page(get("/admin/catalogue").param("department", department), office)).contains("居民身份证换领");
		assertThat(page("/admin/catalogue/new", office)).contains("name=\"code\"");
		assertThat(mvc.perform(get("/admin/catalogue").with(users.staff("441202", Roles.VOLUNTEER))).andReturn()
			.getResponse().getStatus()).isIn(403, 404);
		// the form refuses naming the field, and stores a good one
		MvcResult refused = mvc.perform(post("/admin/catalogue/new").with(office).with(csrf()).param("code", "F-" + tag)
			.param("name", "").param("department", department).param("level", "COUNTY").param("regionCode", "441202"))
			.andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("id=\"name-error\"");
		MvcResult saved = mvc.perform(post("/admin/catalogue/new").with(office).with(csrf()).param("code", "F-" + tag)
			.param("name", "结婚登记").param("department", department).param("level", "COUNTY").param("regionCode", "441202")
			.param("scopes", "CITY_WIDE")).andReturn();
		assertThat(saved.getResponse().getStatus()).isEqualTo(302);
		assertThat(catalogue.findByCode("4412", "F-" + tag).orElseThrow().scopeTags()).containsExactly(ScopeTag.CITY_WIDE);
		// JSON create: 400 naming the fields, nothing stored; then 201
		long before = count();
		MvcResult jsonBad = mvc.perform(post("/api/v1/catalogue/items").with(office).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\":\"J-" + tag + "\",\"name\":\"x\",\"department\":\"d\",\"level\":\"COUNTY\","
					+ "\"regionCode\":\"441202\",\"onlineLink\":\"http://x.cn\",\"scopes\":[\"NOWHERE\"]}"))
			.andReturn();
		assertThat(jsonBad.getResponse().getStatus()).isEqualTo(400);
		assertThat(jsonBad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"onlineLink\"", "\"scopes\"");
		assertThat(count()).isEqualTo(before);
		MvcResult created = mvc.perform(post("/api/v1/catalogue/items").with(office).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\":\"J-" + tag + "\",\"name\":\"医保关系转移\",\"department\":\"" + department + "\",\"level\":\"COUNTY\","
					+ "\"regionCode\":\"441202\",\"materials\":[\"居民身份证\",\"社会保障卡\"],\"timeLimitDays\":15,"
					+ "\"scopes\":[\"CROSS_PROVINCE\"]}"))
			.andReturn();
		assertThat(created.getResponse().getStatus()).isEqualTo(201);
		assertThat(created.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"timeLimitDays\":15");
		assertThat(mvc.perform(post("/api/v1/catalogue/items").with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andReturn().getResponse().getStatus()).isIn(401, 403);
	}
}
