package org.wenming.honor.brand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.FieldProblem;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Brand projects and awards against the real database: created and edited by staff in scope, bad input
 * refused naming the field; an award has exactly one subject; its document is a PDF by content (a PNG named
 * .pdf is refused, nothing stored); the team's and the site's public pages show their projects and awards
 * (and nothing when there are none); the public lists never show a volunteer's award.
 */
@WenmingTest
class BrandsTest {

	static final byte[] PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
		.getBytes(StandardCharsets.US_ASCII);

	/** The start of a PNG file (signature and IHDR), padded: a picture named award.pdf. */
	static final byte[] PNG = png();

	static byte[] png() {
		byte[] bytes = new byte[200];
		byte[] head = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };
		System.arraycopy(head, 0, bytes, 0, head.length);
		return bytes;
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	BrandProjects projects;

	@Autowired
	Awards awards;

	TestUsers users;

	ScopedUser duanzhou;

	ScopedUser dinghu;

	String tag;

	long team;

	long site;

	String path;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		duanzhou = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		dinghu = users.staffPrincipal("441203", Roles.OFFICE_STAFF);
		tag = UUID.randomUUID().toString().substring(0, 8);
		path = regions.find("441202").orElseThrow().path();
		team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', '441202', :path, 'test') returning id""")
			.param("name", "品牌测试队" + tag).param("path", path).query(Long.class).single();
		site = jdbc.sql("""
				insert into practice_site (region_code, region_path, kind, name, generated, updated_by)
				values ('441202', :path, 'POINT', :name, false, 'test') returning id""")
			.param("path", path).param("name", "品牌测试中心" + tag).query(Long.class).single();
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	static List<String> fields(BrandRefusedException ex) {
		return ex.problems().stream().map(FieldProblem::field).toList();
	}

	void refused(Runnable call, String... fields) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(BrandRefusedException.class,
				ex -> assertThat(fields(ex)).containsExactlyInAnyOrder(fields));
	}

	@Test
	void projectsAndAwardsAreKeptByStaffInScope() {
		BrandProject p = projects.create(new BrandProjects.Draft(" 志愿服务大擂台" + tag + " ", "比武练兵",
				String.valueOf(team), String.valueOf(site), "441202", "2018", null), duanzhou);
		assertThat(p.name()).isEqualTo("志愿服务大擂台" + tag);
		assertThat(p.teamName()).isEqualTo("品牌测试队" + tag);
		assertThat(p.active()).isTrue();
		BrandProject edited = projects.update(p.id(), new BrandProjects.Draft("大擂台" + tag, "", String.valueOf(team), "",
				"441202", "", "RETIRED"), duanzhou);
		assertThat(edited.siteId()).isNull();
		assertThat(edited.active()).isFalse();
		long before = count("honor_brand_project");
		refused(() -> projects.create(new BrandProjects.Draft("", "", "x", "", "441203", "1900", "OPEN"), duanzhou),
				"name", "teamId", "regionCode", "sinceYear", "status");
		// 鼎湖区's office may name neither 端州区's team nor its site, nor edit its project
		refused(() -> projects.create(new BrandProjects.Draft("鼎湖项目", "", String.valueOf(team), String.valueOf(site),
				"441203", "", null), dinghu), "teamId", "siteId");
		assertThatThrownBy(() -> projects.findForStaff(p.id(), dinghu))
			.isInstanceOf(org.wenming.shared.OutOfScopeException.class);
		assertThat(count("honor_brand_project")).isEqualTo(before);

		Award a = awards.create(new Awards.Draft("PROJECT", String.valueOf(p.id()), "全国志愿服务示范项目", "中央文明办",
				"NATION", "2024"), null, duanzhou);
		assertThat(a.subjectKind()).isEqualTo("PROJECT");
		assertThat(a.hasDocument()).isFalse();
		Award moved = awards.update(a.id(), new Awards.Draft("TEAM", String.valueOf(team), "全国志愿服务示范项目", "中央文明办",
				"NATION", "2024"), null, duanzhou);
		assertThat(moved.subjectKind()).isEqualTo("TEAM");
		assertThat(moved.subjectId()).isEqualTo(team);
		long awardsBefore = count("honor_award");
		refused(() -> awards.create(new Awards.Draft("CLUB", "1", "", "", "WORLD", "3000"), null, duanzhou), "subject",
				"title", "issuer", "level", "year");
		refused(() -> awards.create(new Awards.Draft("TEAM", "", "奖", "单位", "CITY", "2024"), null, duanzhou), "subjectId");
		refused(() -> awards.create(new Awards.Draft("SITE", String.valueOf(Long.MAX_VALUE), "奖", "单位", "CITY", "2024"),
				null, duanzhou), "subjectId");
		refused(() -> awards.create(new Awards.Draft("TEAM", String.valueOf(team), "奖", "单位", "CITY", "2024"), null,
				dinghu), "subjectId");
		assertThat(count("honor_award")).isEqualTo(awardsBefore);
	}

	@Test
	void anAwardHasExactlyOneSubject() {
		BrandProject p = projects.create(new BrandProjects.Draft("文明实践大讲堂" + tag, "", String.valueOf(team), "",
				"441202", "", null), duanzhou);
		// the schema holds the rule whatever a caller does: two subjects, or none, are refused
		assertThatThrownBy(() -> jdbc.sql("""
				insert into honor_award (project_id, team_id, title, issuer, level, year, region_path, recorded_by, recorded_at)
				values (:p, :t, '两个对象', '单位', 'CITY', 2024, :path, 'test', now())""").param("p", p.id())
			.param("t", team).param("path", path).update()).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("""
				insert into honor_award (title, issuer, level, year, region_path, recorded_by, recorded_at)
				values ('没有对象', '单位', 'CITY', 2024, :path, 'test', now())""").param("path", path).update())
			.isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
		// through the service: one kind and one id, whatever else the form sends
		Award a = awards.create(new Awards.Draft("SITE", String.valueOf(site), "市级示范阵地", "肇庆市文明办", "CITY", "2023"),
				null, duanzhou);
		assertThat(jdbc.sql("select num_nonnulls(project_id, team_id, site_id, volunteer_id) from honor_award where id = :id")
			.param("id", a.id()).query(Integer.class).single()).isEqualTo(1);
	}

	AbstractMockHttpServletRequestBuilder<?> awardForm(MockMultipartFile file) {
		return multipart("/admin/honor/awards/new").file(file).with(csrf()).param("subject", "TEAM")
			.param("teamId", String.valueOf(team)).param("title", "广东志愿服务金奖" + tag).param("issuer", "广东省志愿者联合会")
			.param("level", "PROVINCE").param("year", "2023");
	}

	@Test
	void theDocumentIsAPdfByItsContent() throws Exception {
		RequestPostProcessor office = users.staff("441202", Roles.OFFICE_STAFF);
		long before = count("honor_award");
		MvcResult png = mvc.perform(awardForm(new MockMultipartFile("document", "award.pdf", "application/pdf", PNG))
			.with(office).param("lang", "zh-CN")).andReturn();
		assertThat(png.getResponse().getStatus()).isEqualTo(400);
		assertThat(png.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("document-error")
			.contains("只能上传 PDF 文件");
		// a PDF cut short (no %%EOF) and an empty file: refused too
		byte[] cut = java.util.Arrays.copyOf(PDF, PDF.length - 7);
		assertThat(mvc.perform(awardForm(new MockMultipartFile("document", "award.pdf", "application/pdf", cut))
			.with(office)).andReturn().getResponse().getStatus()).isEqualTo(400);
		assertThat(count("honor_award")).isEqualTo(before);
		// the size cap (the setting's default, 10 MB)
		assertThat(AwardDocuments.problem(new byte[10 * 1024 * 1024 + 1], awards.properties().documentMaxBytes()))
			.isEqualTo("honor.brand.error.documentTooLarge");
		// a real PDF is kept and shown to staff in scope only
		assertThat(mvc.perform(awardForm(new MockMultipartFile("document", "certificate.bin", "application/octet-stream",
				PDF)).with(office)).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(count("honor_award")).isEqualTo(before + 1);
		long id = jdbc.sql("select id from honor_award where title = :t").param("t", "广东志愿服务金奖" + tag)
			.query(Long.class).single();
		MvcResult doc = mvc.perform(get("/admin/honor/awards/" + id + "/document").with(office)).andReturn();
		assertThat(doc.getResponse().getStatus()).isEqualTo(200);
		assertThat(doc.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PDF_VALUE);
		assertThat(doc.getResponse().getContentAsByteArray()).isEqualTo(PDF);
		assertThat(mvc.perform(get("/admin/honor/awards/" + id + "/document").with(users.staff("441203",
				Roles.OFFICE_STAFF))).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	long volunteer() {
		return jdbc.sql("""
				insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
				    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date,
				    region_code, region_path, consent_version, consent_at, registered_by)
				values (:number, :name, 'pp', 'RESIDENT_ID', '\\x00'::bytea, :hash, '4412**********0000', '\\x00'::bytea,
				    '\\x00'::bytea, '138****0000', '0000', 'k1', 'F', date '1990-01-01', '441202', :path, 'v1', now(), 'test')
				returning id""")
			.param("number", "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 15))
			.param("name", "品牌志愿者" + tag)
			.param("hash", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)).param("path", path)
			.query(Long.class).single();
	}

	String page(String address) throws Exception {
		MvcResult result = mvc.perform(get(address).param("lang", "zh-CN")).andReturn();
		assertThat(result.getResponse().getStatus()).as(address).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void teamAndSitePagesShowTheirProjectsAndAwards() throws Exception {
		long bare = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', '441202', :path, 'test') returning id""")
			.param("name", "无品牌队" + tag).param("path", path).query(Long.class).single();
		BrandProject p = projects.create(new BrandProjects.Draft("便民集市" + tag, "每月逢五圩日", String.valueOf(team),
				String.valueOf(site), "441202", "2020", null), duanzhou);
		awards.create(new Awards.Draft("PROJECT", String.valueOf(p.id()), "全国志愿服务示范项目" + tag, "中央文明办", "NATION",
				"2024"), null, duanzhou);
		awards.create(new Awards.Draft("TEAM", String.valueOf(team), "肇庆市优秀志愿服务组织" + tag, "肇庆市文明办", "CITY",
				"2023"), null, duanzhou);
		awards.create(new Awards.Draft("VOLUNTEER", String.valueOf(volunteer()), "优秀志愿者" + tag, "肇庆市文明办", "CITY",
				"2023"), null, duanzhou);

		String teamPage = page("/teams/" + team);
		assertThat(teamPage).contains("志愿服务品牌项目", "便民集市" + tag, "全国志愿服务示范项目" + tag, "国家级",
				"肇庆市优秀志愿服务组织" + tag, "/honor/brands#project-" + p.id());
		String sitePage = page("/sites/" + site);
		assertThat(sitePage).contains("便民集市" + tag, "全国志愿服务示范项目" + tag)
			.doesNotContain("肇庆市优秀志愿服务组织" + tag);
		String barePage = page("/teams/" + bare);
		assertThat(barePage).doesNotContain("志愿服务品牌项目").doesNotContain("所获荣誉");

		// the public page and lists: the project and the team's award, never the volunteer's
		String brands = page("/honor/brands");
		assertThat(brands).contains("便民集市" + tag, "全国志愿服务示范项目" + tag, "肇庆市优秀志愿服务组织" + tag, "端州区")
			.doesNotContain("优秀志愿者" + tag).doesNotContain("品牌志愿者" + tag);
		String json = mvc.perform(get("/api/v1/honor/awards")).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(json).contains("全国志愿服务示范项目" + tag).doesNotContain("优秀志愿者" + tag)
			.doesNotContain("品牌志愿者" + tag);
		assertThat(mvc.perform(get("/api/v1/honor/brands")).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("便民集市" + tag);
		// a retired project leaves the team's page
		projects.update(p.id(), new BrandProjects.Draft("便民集市" + tag, "", String.valueOf(team), "", "441202", "", "RETIRED"),
				duanzhou);
		assertThat(page("/teams/" + team)).doesNotContain("便民集市" + tag);
	}

	@Test
	void theJsonNamesTheRefusedFields() throws Exception {
		RequestPostProcessor office = users.staff("441202", Roles.OFFICE_STAFF);
		long before = count("honor_award");
		MvcResult result = mvc.perform(post("/api/v1/honor/awards").with(office).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\":\"TEAM\",\"subjectId\":\"abc\",\"title\":\"\",\"issuer\":\"单位\",\"level\":\"CITY\",\"year\":\"2024\"}"))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"subjectId\"", "\"title\"");
		assertThat(count("honor_award")).isEqualTo(before);
		MvcResult created = mvc.perform(post("/api/v1/honor/brands").with(office).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"接口项目" + tag + "\",\"regionCode\":\"441202\",\"teamId\":" + team + ",\"sinceYear\":2021}"))
			.andReturn();
		assertThat(created.getResponse().getStatus()).isEqualTo(201);
		assertThat(created.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"sinceYear\":2021");
	}
}
