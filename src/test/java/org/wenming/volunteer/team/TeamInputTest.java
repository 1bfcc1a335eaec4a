package org.wenming.volunteer.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import tools.jackson.databind.ObjectMapper;

/**
 * Every team form and API field refuses hostile values with a 4xx naming the field, never a 5xx,
 * and stores nothing; the hierarchy rules (level below the parent, parent in scope, region inside
 * the parent's) hold for pages and API alike.
 */
@WenmingTest
class TeamInputTest {

	/** Values no field may take; each paired with the fields it is tried on. */
	static final List<String> HOSTILE = List.of("<script>alert(1)</script>", "队\u0000名", "队\u001b[31m",
			"长".repeat(2001), "\uFFFD\uFFFD", "'; drop table team; --<", "😀".repeat(101));

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	final ObjectMapper json = new ObjectMapper();

	RequestPostProcessor office;

	TeamFixtures fixtures;

	long corps;

	@BeforeEach
	void office() {
		office = new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF);
		fixtures = new TeamFixtures(jdbc);
		corps = fixtures.team("输入测试总队" + TeamFixtures.tag(), null, "CORPS", "441202", TeamFixtures.DUANZHOU_PATH);
	}

	Map<String, String> good() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("regionCode", "441202");
		form.put("level", "BRANCH");
		form.put("parentId", String.valueOf(corps));
		form.put("name", "输入测试支队" + TeamFixtures.tag());
		form.put("type", "YOUTH");
		form.put("practiceSiteId", "");
		form.put("contactName", "陈联系");
		form.put("contactPhone", "0758-2281234");
		form.put("description", "青年志愿服务");
		form.put("status", "ACTIVE");
		return form;
	}

	@Test
	void hostileValuesOnTheFormAreRefusedFieldByField() throws Exception {
		Map<String, List<String>> tries = new LinkedHashMap<>();
		for (String field : List.of("name", "contactName")) {
			tries.put(field, HOSTILE);
		}
		// free text may carry emoji and full-width letters; markup, control characters and length it may not
		tries.put("description", HOSTILE.subList(0, HOSTILE.size() - 1));
		tries.put("regionCode", List.of("４４１２０２", "441202; --", "abc", "9".repeat(13)));
		tries.put("level", List.of("GOD", "corps ", "<x>"));
		tries.put("type", List.of("PARTY", "1", "😀"));
		tries.put("status", List.of("DELETED", "\u0000"));
		tries.put("parentId", List.of("-1", "1e3", "９", "99999999999999999999"));
		tries.put("practiceSiteId", List.of("x", "0"));
		tries.put("contactPhone", List.of("13812345678", "０７５８２２８１２３４", "0758-2281234<", "12345"));
		long before = count();
		for (Map.Entry<String, List<String>> entry : tries.entrySet()) {
			for (String value : entry.getValue()) {
				Map<String, String> form = good();
				form.put(entry.getKey(), value);
				var request = post("/admin/teams/new").with(csrf()).with(office);
				form.forEach(request::param);
				MvcResult result = mvc.perform(request).andReturn();
				assertThat(result.getResponse().getStatus()).as(entry.getKey() + "=" + value).isEqualTo(400);
				assertThat(result.getResponse().getContentAsString()).as(entry.getKey() + "=" + value)
						.contains("id=\"" + entry.getKey() + "-error\"");
			}
		}
		assertThat(count()).isEqualTo(before);
		var request = post("/admin/teams/new").with(csrf()).with(office);
		good().forEach(request::param);
		mvc.perform(request).andExpect(status().is3xxRedirection());
		assertThat(count()).isEqualTo(before + 1);
	}

	@Test
	void hostileValuesOnTheApiAreRefusedFieldByField() throws Exception {
		long before = count();
		for (String field : List.of("name", "contactName", "description", "regionCode", "level", "type", "status",
				"contactPhone")) {
			List<String> values = new java.util.ArrayList<>(List.of("<script>x</script>", "长".repeat(2001), "\u0007"));
			if (List.of("regionCode", "level", "type", "status", "contactPhone").contains(field)) {
				values.add("ＢＲＡＮＣＨ");
			}
			for (String value : values) {
				Map<String, Object> body = new LinkedHashMap<>(good());
				body.remove("practiceSiteId");
				body.put("parentId", corps);
				body.put(field, value);
				mvc.perform(post("/api/v1/admin/teams").with(csrf()).with(office).contentType(MediaType.APPLICATION_JSON)
						.content(json.writeValueAsString(body)))
						.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem(field)));
			}
		}
		for (String field : List.of("parentId", "practiceSiteId")) {
			// ids are JSON numbers: the strict mapping refuses the form's text ("46") as it refuses "abc"
			Map<String, Object> body = new LinkedHashMap<>(good());
			body.remove("practiceSiteId");
			body.put("parentId", corps);
			body.put(field, "abc");
			mvc.perform(post("/api/v1/admin/teams").with(csrf()).with(office).contentType(MediaType.APPLICATION_JSON)
					.content(json.writeValueAsString(body))).andExpect(status().isBadRequest())
					.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
		}
		mvc.perform(post("/api/v1/admin/teams").with(csrf()).with(office).contentType(MediaType.APPLICATION_JSON)
				.content("{not json")).andExpect(status().isBadRequest());
		mvc.perform(put("/api/v1/admin/teams/" + corps).with(csrf()).with(office).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"改名\",\"type\":\"PRACTICE\"}")).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field", hasItem("version")));
		mvc.perform(put("/api/v1/admin/teams/" + corps).with(csrf()).with(office).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"改名\",\"type\":\"PRACTICE\",\"version\":7}")).andExpect(status().isConflict());
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void theHierarchyHolds() throws Exception {
		Map<String, Object> body = new LinkedHashMap<>(good());
		body.remove("practiceSiteId");
		body.put("parentId", corps);
		body.put("level", "SQUAD");
		mvc.perform(post("/api/v1/admin/teams").with(csrf()).with(office).contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(body))).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("level"));
		long dinghu = fixtures.team("鼎湖输入测试总队" + TeamFixtures.tag(), null, "CORPS", "441203", TeamFixtures.DINGHU_PATH);
		body.put("level", "BRANCH");
		body.put("parentId", dinghu);
		mvc.perform(post("/api/v1/admin/teams").with(csrf()).with(office).contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(body))).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("parentId"));
		long town = fixtures.team("城东测试总队" + TeamFixtures.tag(), null, "CORPS", "441202001", "44.4412.441202.441202001.");
		body.put("parentId", town);
		mvc.perform(post("/api/v1/admin/teams").with(csrf()).with(office).contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(body))).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		body.put("parentId", corps);
		mvc.perform(post("/api/v1/admin/teams").with(csrf()).with(office).contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(body))).andExpect(status().isCreated())
				.andExpect(jsonPath("$.level").value("BRANCH")).andExpect(jsonPath("$.parentId").value(corps));
	}

	@Test
	void queryParametersAreChecked() throws Exception {
		for (String[] bad : new String[][] { { "region", "44x" }, { "type", "PARTY" }, { "q", "<b>" },
				{ "q", "长".repeat(51) }, { "page", "-1" }, { "page", "x" }, { "size", "100000" } }) {
			mvc.perform(get("/api/v1/teams").param(bad[0], bad[1])).andExpect(status().isBadRequest())
					.andExpect(jsonPath("$.errors[0].field").value(bad[0]));
			if (!"size".equals(bad[0])) {
				mvc.perform(get("/teams").param(bad[0], bad[1])).andExpect(status().isBadRequest());
			}
		}
		mvc.perform(post("/admin/teams/" + corps + "/leaders").with(csrf()).with(office).param("username", "no-such-" + TeamFixtures.tag()))
				.andExpect(status().isBadRequest());
		mvc.perform(post("/admin/teams/" + corps + "/leaders").with(csrf()).with(office).param("username", "a\u0000b"))
				.andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select count(*) from team_leader where team_id = :id").param("id", corps).query(Long.class)
				.single()).isZero();
	}

	private long count() {
		return jdbc.sql("select count(*) from team").query(Long.class).single();
	}
}
