package org.wenming.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import tools.jackson.databind.ObjectMapper;

/**
 * Every site form and API refuses bad input with a 4xx naming the field, never a 5xx, and stores
 * nothing; good input is stored; two edits from the same version cannot both win.
 */
@WenmingTest
class SiteInputTest {

	static final String TEN_MB = "长".repeat(10 * 1024 * 1024);

	/** Far over any field's limit, yet under the API's body cap (300 KB of UTF-8). */
	static final String LONG = "长".repeat(100_000);

	static final String SQL = "'; drop table practice_site; --";

	static final String SCRIPT = "<script>alert(1)</script>";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	final ObjectMapper json = new ObjectMapper();

	RequestPostProcessor staff;

	long site;

	String tag;

	@BeforeEach
	void setUp() {
		staff = new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF);
		tag = UUID.randomUUID().toString().substring(0, 8);
		site = jdbc.sql("""
				insert into practice_site (region_code, region_path, kind, name, address, updated_by)
				values ('441202003', '44.4412.441202.441202003.', 'POINT', :name, '原地址', 'test') returning id""")
				.param("name", "输入测试点" + tag).query(Long.class).single();
	}

	/** A valid site as form fields; each case overrides one field. */
	private Map<String, String> validForm() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("regionCode", "441202001");
		form.put("kind", "POINT");
		form.put("name", "新增测试点" + tag);
		form.put("address", "端州区城东街道1号");
		form.put("openingHours", "周一至周五 9:00-17:30");
		form.put("contactName", "李四");
		form.put("contactPhone", "0758-2281234");
		form.put("latitude", "23.047");
		form.put("longitude", "112.465");
		form.put("description", "社区志愿服务。");
		return form;
	}

	private Map<String, String> with(String field, String value) {
		Map<String, String> form = validForm();
		form.put(field, value);
		return form;
	}

	private MockHttpServletRequestBuilder formPost(String url, Map<String, String> form) {
		MockHttpServletRequestBuilder request = post(url).with(staff).with(csrf());
		form.forEach(request::param);
		return request;
	}

	private long rows() {
		return jdbc.sql("select count(*) from practice_site").query(Long.class).single();
	}

	private Map<String, Object> row(long id) {
		return jdbc.sql("select * from practice_site where id = :id").param("id", id).query().singleRow();
	}

	/** The form is shown again (4xx) with the error next to the field; nothing is stored. */
	private void formRefuses(Map<String, String> form, String field) throws Exception {
		long before = rows();
		MvcResult result = mvc.perform(formPost("/admin/sites/new", form))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("id=\"" + field + "-error\"")))
				.andExpect(content().string(containsString("aria-describedby=\"" + field + "-error\"")))
				.andReturn();
		assertThat(rows()).as("nothing stored for %s", field).isEqualTo(before);
		// the other values are kept (the name when another field is wrong)
		if (!field.equals("name") && form.get("name").length() < 200) {
			assertThat(result.getResponse().getContentAsString()).contains("value=\"" + form.get("name") + "\"");
		}
		Map<String, Object> edited = row(site);
		// region and kind are fixed once a site exists, so the edit form ignores them
		if (!field.equals("regionCode") && !field.equals("kind")) {
			mvc.perform(formPost("/admin/sites/" + site + "/edit", withVersion(form)))
					.andExpect(status().isBadRequest())
					.andExpect(content().string(containsString("id=\"" + field + "-error\"")));
		}
		assertThat(row(site)).as("site unchanged for %s", field).isEqualTo(edited);
	}

	private Map<String, String> withVersion(Map<String, String> form) {
		Map<String, String> edit = new LinkedHashMap<>(form);
		edit.put("version", "0");
		return edit;
	}

	/** The API answers 400 with the field named in errors; nothing stored, the site unchanged. */
	private void apiRefuses(String body, String field) throws Exception {
		long before = rows();
		Map<String, Object> edited = row(site);
		mvc.perform(post("/api/v1/admin/sites").with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content(body))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
		if (!field.equals("regionCode") && !field.equals("kind")) {
			mvc.perform(put("/api/v1/admin/sites/" + site).with(staff).with(csrf())
					.contentType(MediaType.APPLICATION_JSON).content(body.replaceFirst("\\{", "{\"version\":0,")))
					.andExpect(status().isBadRequest())
					.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
		}
		assertThat(rows()).as("nothing stored for %s", field).isEqualTo(before);
		assertThat(row(site)).as("site unchanged for %s", field).isEqualTo(edited);
	}

	/** A body over the API's cap: 413 as a problem document, before any field is read; nothing changed. */
	private void apiRefusesAsTooLarge(String body) throws Exception {
		long before = rows();
		Map<String, Object> edited = row(site);
		mvc.perform(post("/api/v1/admin/sites").with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content(body))
				.andExpect(status().isPayloadTooLarge())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(put("/api/v1/admin/sites/" + site).with(staff).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body.replaceFirst("\\{", "{\"version\":0,")))
				.andExpect(status().isPayloadTooLarge());
		assertThat(rows()).isEqualTo(before);
		assertThat(row(site)).isEqualTo(edited);
	}

	private String jsonWith(String field, Object value) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>(validForm());
		body.put("latitude", 23.047);
		body.put("longitude", 112.465);
		body.put(field, value);
		return json.writeValueAsString(body);
	}

	@Test
	void goodInputIsStoredThroughFormAndApi() throws Exception {
		long before = rows();
		MvcResult created = mvc.perform(formPost("/admin/sites/new", validForm()))
				.andExpect(status().is3xxRedirection()).andReturn();
		assertThat(rows()).isEqualTo(before + 1);
		long id = jdbc.sql("select id from practice_site where name = :name").param("name", "新增测试点" + tag)
				.query(Long.class).single();
		assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/admin/sites/" + id + "/edit?saved=true");
		Map<String, Object> stored = row(id);
		assertThat(stored).containsEntry("region_path", "44.4412.441202.441202001.").containsEntry("kind", "POINT")
				.containsEntry("contact_phone", "0758-2281234").containsEntry("updated_by", "test-441202")
				.containsEntry("generated", false);
		assertThat(stored.get("latitude").toString()).isEqualTo("23.047000");

		mvc.perform(post("/api/v1/admin/sites").with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content(jsonWith("name", "  接口新增" + tag + "  ")))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.name").value("接口新增" + tag))
				.andExpect(jsonPath("$.latitude").value(23.047))
				.andExpect(jsonPath("$.version").value(0));
		// SQL-ish text where free text is allowed is stored verbatim: values are bound, never spliced
		mvc.perform(put("/api/v1/admin/sites/" + site).with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":0,\"name\":\"输入测试点" + tag + "\",\"description\":\"" + SQL + "\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.description").value(SQL));
		assertThat(row(site)).containsEntry("description", SQL);
		mvc.perform(get("/sites/" + site)).andExpect(status().isOk())
				.andExpect(content().string(containsString("<p class=\"description\">'; drop table practice_site; --</p>")));
	}

	@Test
	void formsRefuseBadInputNamingTheField() throws Exception {
		formRefuses(with("name", ""), "name");
		formRefuses(with("name", "   "), "name");
		formRefuses(with("name", TEN_MB), "name");
		formRefuses(with("description", TEN_MB), "description");
		formRefuses(with("address", "路".repeat(201)), "address");
		formRefuses(with("openingHours", "时".repeat(101)), "openingHours");
		formRefuses(with("latitude", "abc"), "latitude");
		formRefuses(with("longitude", "1e5"), "longitude");
		formRefuses(with("latitude", "91"), "latitude");
		formRefuses(with("latitude", "1.29"), "latitude");
		formRefuses(with("longitude", "2.35"), "longitude");
		formRefuses(with("longitude", ""), "longitude");
		formRefuses(with("demonstration", "maybe"), "demonstration");
		formRefuses(with("contactPhone", "12345"), "contactPhone");
		formRefuses(with("contactPhone", SQL), "contactPhone");
		formRefuses(with("name", SQL), "name");
		formRefuses(with("contactName", SQL), "contactName");
		formRefuses(with("name", SCRIPT), "name");
		formRefuses(with("address", SCRIPT), "address");
		formRefuses(with("openingHours", SCRIPT), "openingHours");
		formRefuses(with("description", SCRIPT), "description");
		formRefuses(with("name", "控制\u0000字符"), "name");
		formRefuses(with("address", "坏\uFFFD字节"), "address");
		formRefuses(with("regionCode", SQL), "regionCode");
		formRefuses(with("regionCode", ""), "regionCode");
		formRefuses(with("regionCode", "441299001"), "regionCode");
		formRefuses(with("kind", "FOO"), "kind");
		formRefuses(with("kind", ""), "kind");
		// a centre belongs to a county, not a town; 端州区's centre exists already
		formRefuses(with("kind", "CENTRE"), "kind");
		Map<String, String> secondCentre = with("kind", "CENTRE");
		secondCentre.put("regionCode", "441202");
		formRefuses(secondCentre, "kind");
	}

	@Test
	void formBodyThatIsNotUtf8IsRefused() throws Exception {
		long before = rows();
		Map<String, Object> edited = row(site);
		byte[] gbk = ("name=" + "测试".repeat(3)).getBytes(java.nio.charset.Charset.forName("GBK"));
		for (byte[] body : List.of(gbk, "name=%FF%FEabc&address=x".getBytes(StandardCharsets.US_ASCII))) {
			byte[] form = concat("regionCode=441202001&kind=POINT&".getBytes(StandardCharsets.US_ASCII), body);
			mvc.perform(post("/admin/sites/new").with(staff).with(csrf())
					.contentType(MediaType.APPLICATION_FORM_URLENCODED).content(form))
					.andExpect(status().isBadRequest())
					.andExpect(content().string(containsString("id=\"name-error\"")));
			mvc.perform(post("/admin/sites/" + site + "/edit").with(staff).with(csrf())
					.contentType(MediaType.APPLICATION_FORM_URLENCODED).content(concat("version=0&".getBytes(), body)))
					.andExpect(status().isBadRequest())
					.andExpect(content().string(containsString("id=\"name-error\"")));
		}
		byte[] badJson = concat("{\"name\":\"".getBytes(StandardCharsets.US_ASCII), new byte[] { (byte) 0xC3, (byte) 0x28 },
				"\",\"regionCode\":\"441202001\",\"kind\":\"POINT\"}".getBytes(StandardCharsets.US_ASCII));
		mvc.perform(post("/api/v1/admin/sites").with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content(badJson))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").exists());
		assertThat(rows()).isEqualTo(before);
		assertThat(row(site)).isEqualTo(edited);
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	@Test
	void apiRefusesBadInputNamingTheField() throws Exception {
		apiRefuses(jsonWith("name", ""), "name");
		apiRefuses(jsonWith("name", null), "name");
		apiRefuses(jsonWith("name", LONG), "name");
		apiRefuses(jsonWith("description", LONG), "description");
		apiRefusesAsTooLarge(jsonWith("name", TEN_MB));
		apiRefusesAsTooLarge(jsonWith("description", TEN_MB));
		apiRefuses(jsonWith("latitude", "abc"), "latitude");
		apiRefuses(jsonWith("latitude", 91), "latitude");
		apiRefuses(jsonWith("longitude", -2.35), "longitude");
		apiRefuses(jsonWith("longitude", List.of(1, 2)), "longitude");
		apiRefuses(jsonWith("demonstration", "abc"), "demonstration");
		apiRefuses(jsonWith("contactPhone", SQL), "contactPhone");
		apiRefuses(jsonWith("name", SQL), "name");
		apiRefuses(jsonWith("name", SCRIPT), "name");
		apiRefuses(jsonWith("description", SCRIPT), "description");
		apiRefuses(jsonWith("address", "坏\uFFFD字节"), "address");
		apiRefuses(jsonWith("openingHours", "a\u0007b"), "openingHours");
		apiRefuses(jsonWith("name", Map.of("x", 1)), "name");
		apiRefuses(jsonWith("regionCode", SQL), "regionCode");
		apiRefuses(jsonWith("regionCode", "441299001"), "regionCode");
		apiRefuses(jsonWith("kind", "FOO"), "kind");
		apiRefuses(jsonWith("kind", null), "kind");

		long before = rows();
		for (String malformed : new String[] { "{\"name\": ", "not json", "[]", "" }) {
			mvc.perform(post("/api/v1/admin/sites").with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
					.content(malformed))
					.andExpect(status().isBadRequest())
					.andExpect(jsonPath("$.errors[0].field").value("body"));
		}
		mvc.perform(put("/api/v1/admin/sites/" + site).with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"没有版本\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("version"));
		mvc.perform(put("/api/v1/admin/sites/" + site).with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"坏版本\",\"version\":\"x\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("version"));
		mvc.perform(get("/api/v1/admin/sites/x").with(staff))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("id"));
		mvc.perform(put("/api/v1/admin/sites/x").with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\",\"version\":0}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("id"));
		mvc.perform(get("/api/v1/admin/sites/999999999").with(staff)).andExpect(status().isNotFound());
		mvc.perform(get("/admin/sites/x/edit").with(staff)).andExpect(status().isNotFound());
		mvc.perform(get("/admin/sites/999999999/edit").with(staff)).andExpect(status().isNotFound());
		for (String[] param : new String[][] { { "size", "2001" }, { "size", "x" }, { "page", "-1" },
				{ "region", SQL }, { "region", "441299" }, { "kind", "FOO" }, { "q", SCRIPT }, { "q", TEN_MB } }) {
			mvc.perform(get("/api/v1/admin/sites").param(param[0], param[1]).with(staff))
					.andExpect(status().isBadRequest())
					.andExpect(jsonPath("$.errors[0].field").value(param[0]));
			mvc.perform(get("/admin/sites").param(param[0].equals("size") ? "page" : param[0],
					param[0].equals("size") ? "x" : param[1]).with(staff))
					.andExpect(status().isBadRequest());
		}
		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void postingAFormWithoutTheCsrfTokenIsRefused() throws Exception {
		long before = rows();
		MockHttpServletRequestBuilder request = post("/admin/sites/new").with(staff);
		validForm().forEach(request::param);
		mvc.perform(request).andExpect(status().isForbidden());
		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void twoEditsFromTheSameVersionCannotBothWin() throws Exception {
		mvc.perform(put("/api/v1/admin/sites/" + site).with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":0,\"name\":\"第一位" + tag + "\",\"address\":\"第一位的地址\"}"))
				.andExpect(status().isOk());
		mvc.perform(put("/api/v1/admin/sites/" + site).with(staff).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":0,\"name\":\"第二位" + tag + "\",\"address\":\"第二位的地址\"}"))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail", containsString("changed by someone else")));
		assertThat(row(site)).containsEntry("name", "第一位" + tag).containsEntry("address", "第一位的地址")
				.containsEntry("version", 1);

		// the same through the edit form: the loser sees the form again with their values and a notice
		Map<String, String> first = withVersion(with("name", "表单第一" + tag));
		first.put("version", "1");
		Map<String, String> second = withVersion(with("name", "表单第二" + tag));
		second.put("version", "1");
		mvc.perform(formPost("/admin/sites/" + site + "/edit", first)).andExpect(status().is3xxRedirection());
		mvc.perform(formPost("/admin/sites/" + site + "/edit", second))
				.andExpect(status().isConflict())
				.andExpect(content().string(containsString("其他人已修改")))
				.andExpect(content().string(containsString("value=\"表单第二" + tag + "\"")));
		assertThat(row(site)).containsEntry("name", "表单第一" + tag).containsEntry("version", 2);
	}
}
