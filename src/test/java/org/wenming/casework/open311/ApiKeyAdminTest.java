package org.wenming.casework.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.casework.Cases;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import tools.jackson.databind.JsonNode;

/**
 * Staff issue and revoke Open311 keys on the page and through the API: the key is shown once and
 * only its SHA-256 is kept; a county office, a unit handler and the public are refused.
 */
@WenmingTest
class ApiKeyAdminTest {

	private static final Pattern SHOWN_KEY = Pattern.compile("id=\"issued-key\" type=\"text\" readonly value=\"([A-Za-z0-9_-]{43})\"");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Test
	void theCityOfficeIssuesAKeyOnThePageSeesItOnceAndRevokesIt() throws Exception {
		var city = new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF);
		String holder = "市城管平台 " + System.nanoTime();
		MvcResult issued = mvc.perform(post("/admin/open311/keys").with(city).with(csrf()).param("name", holder)).andReturn();
		assertThat(issued.getResponse().getStatus()).isEqualTo(200);
		assertThat(issued.getResponse().getHeader("Cache-Control")).contains("no-store");
		String page = issued.getResponse().getContentAsString();
		Matcher shown = SHOWN_KEY.matcher(page);
		assertThat(shown.find()).as(page).isTrue();
		String key = shown.group(1);
		var row = jdbc.sql("select id, key_hash, key_prefix from open311_api_key where name = :name").param("name", holder)
				.query().singleRow();
		assertThat((byte[]) row.get("key_hash")).isEqualTo(org.wenming.platform.SecretTokens.sha256(key));
		assertThat(key).startsWith((String) row.get("key_prefix"));
		assertThat(jdbc.sql("select count(*) from open311_api_key where name = :k or key_prefix = :k or created_by = :k")
				.param("k", key).query(Long.class).single()).isZero();

		String list = mvc.perform(get("/admin/open311/keys").with(city)).andReturn().getResponse().getContentAsString();
		assertThat(list).contains(holder).contains((String) row.get("key_prefix")).doesNotContain(key);
		assertThat(post311(key)).isEqualTo(400); // the key works: the (empty) request itself is refused

		MvcResult revoked = mvc.perform(post("/admin/open311/keys/" + row.get("id") + "/revoke").with(city).with(csrf()))
				.andReturn();
		assertThat(revoked.getResponse().getStatus()).isEqualTo(302);
		assertThat(post311(key)).isEqualTo(403);
		assertThat(jdbc.sql("select revoked_by from open311_api_key where id = :id").param("id", row.get("id"))
				.query(String.class).single()).isEqualTo("test-4412");
	}

	@Test
	void aNamelessKeyIsRefusedNextToTheField() throws Exception {
		var admin = new TestUsers(regions).systemAdmin();
		long before = count();
		MvcResult result = mvc.perform(post("/admin/open311/keys").with(admin).with(csrf()).param("name", "  ")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentAsString()).contains("id=\"name-error\"").contains("请填写使用方")
				.doesNotContain("issued-key");
		assertThat(mvc.perform(post("/admin/open311/keys").with(admin).with(csrf()).param("name", "x".repeat(101)))
				.andReturn().getResponse().getStatus()).isEqualTo(400);
		assertThat(count()).isEqualTo(before);
		assertThat(mvc.perform(post("/admin/open311/keys/999999999/revoke").with(admin).with(csrf())).andReturn()
				.getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void theApiIssuesListsAndRevokes() throws Exception {
		var admin = new TestUsers(regions).systemAdmin();
		MvcResult issued = mvc.perform(post("/api/v1/admin/open311/keys").with(admin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"区数字城管系统\"}")).andReturn();
		assertThat(issued.getResponse().getStatus()).isEqualTo(201);
		JsonNode body = Open311Fixtures.json(issued);
		String key = body.get("key").asString();
		long id = body.get("id").asLong();
		assertThat(key).hasSize(43);
		assertThat(post311(key)).isEqualTo(400);

		String list = mvc.perform(get("/api/v1/admin/open311/keys").with(admin)).andReturn().getResponse()
				.getContentAsString();
		assertThat(list).contains("区数字城管系统").doesNotContain(key);

		JsonNode revoked = Open311Fixtures.json(mvc.perform(post("/api/v1/admin/open311/keys/" + id + "/revoke")
				.with(admin).with(csrf())).andReturn());
		assertThat(revoked.get("revokedAt").isNull()).isFalse();
		assertThat(post311(key)).isEqualTo(403);

		assertThat(mvc.perform(post("/api/v1/admin/open311/keys").with(admin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"name\":")).andReturn().getResponse().getStatus())
				.isEqualTo(400);
		assertThat(mvc.perform(post("/api/v1/admin/open311/keys").with(admin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}")).andReturn().getResponse()
				.getContentAsString()).contains("\"field\":\"name\"");
		assertThat(mvc.perform(post("/api/v1/admin/open311/keys/424242424242/revoke").with(admin).with(csrf()))
				.andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void onlyTheCityLevelManagesKeys() throws Exception {
		long before = count();
		var users = new TestUsers(regions);
		for (var who : java.util.List.of(users.staff("441202", Roles.OFFICE_STAFF), users.staff("4412", Roles.UNIT_HANDLER),
				users.staff("4412", Roles.INSPECTOR))) {
			assertThat(mvc.perform(get("/admin/open311/keys").with(who)).andReturn().getResponse().getStatus()).isEqualTo(403);
			assertThat(mvc.perform(post("/admin/open311/keys").with(who).with(csrf()).param("name", "不该签发")).andReturn()
					.getResponse().getStatus()).isEqualTo(403);
			assertThat(mvc.perform(post("/api/v1/admin/open311/keys").with(who).with(csrf())
					.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"不该签发\"}")).andReturn().getResponse()
					.getStatus()).isEqualTo(403);
		}
		assertThat(mvc.perform(get("/admin/open311/keys")).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(mvc.perform(get("/api/v1/admin/open311/keys")).andReturn().getResponse().getStatus()).isEqualTo(401);
		// without a CSRF token a session cannot issue one either
		assertThat(mvc.perform(post("/admin/open311/keys").with(users.systemAdmin()).param("name", "无令牌")).andReturn()
				.getResponse().getStatus()).isEqualTo(403);
		assertThat(count()).isEqualTo(before);
	}

	private int post311(String key) throws Exception {
		return mvc.perform(post("/open311/v2/requests.json").param("api_key", key)).andReturn().getResponse().getStatus();
	}

	private long count() {
		return jdbc.sql("select count(*) from open311_api_key").query(Long.class).single();
	}
}
