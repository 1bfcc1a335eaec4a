package org.wenming.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopeViolation;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * A county's staff (端州区, 441202) manage 端州区's sites and cannot read, list, count or edit 鼎湖区's
 * (441203) through any admin page or admin API; the city's staff (4412) can do both; a volunteer
 * can do neither.
 */
@WenmingTest
@RecordApplicationEvents
class SiteScopeTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ApplicationEvents events;

	TestUsers users;

	/** Sites of this test's own, so edits never disturb another test's data. */
	long duanzhouSite;

	long dinghuSite;

	String tag;

	@BeforeEach
	void sites() {
		users = new TestUsers(regions);
		tag = UUID.randomUUID().toString().substring(0, 8);
		duanzhouSite = insertPoint("441202001", "44.4412.441202.441202001.", "端州测试点" + tag);
		dinghuSite = insertPoint("441203001", "44.4412.441203.441203001.", "鼎湖测试点" + tag);
	}

	private long insertPoint(String region, String path, String name) {
		return jdbc.sql("""
				insert into practice_site (region_code, region_path, kind, name, updated_by)
				values (:region, :path, 'POINT', :name, 'test') returning id""")
				.param("region", region).param("path", path).param("name", name).query(Long.class).single();
	}

	private Map<String, Object> row(long id) {
		return jdbc.sql("select name, address, demonstration, version from practice_site where id = :id").param("id", id)
				.query().singleRow();
	}

	private long sitesUnder(String pathPrefix) {
		return jdbc.sql("select count(*) from practice_site where region_path >= :lower and region_path < :upper")
				.param("lower", pathPrefix + ".").param("upper", pathPrefix + "/").query(Long.class).single();
	}

	private String body(String name) {
		return "{\"name\":\"" + name + "\",\"address\":\"端州区测试路1号\",\"version\":0}";
	}

	@Test
	void countyStaffManageTheirOwnCountysSites() throws Exception {
		RequestPostProcessor duanzhou = users.staff("441202", Roles.OFFICE_STAFF);
		long expected = sitesUnder("44.4412.441202");
		mvc.perform(get("/api/v1/admin/sites").param("size", "2000").with(duanzhou))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.total").value(expected))
				.andExpect(jsonPath("$.items[*].regionCode", everyItem(startsWith("441202"))))
				.andExpect(jsonPath("$.items[*].id", hasItem((int) duanzhouSite)));
		mvc.perform(get("/admin/sites").param("q", tag).with(duanzhou))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("端州测试点" + tag)));
		mvc.perform(get("/admin/sites/" + duanzhouSite + "/edit").with(duanzhou))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("端州测试点" + tag)));
		mvc.perform(get("/api/v1/admin/sites/" + duanzhouSite).with(duanzhou))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.name").value("端州测试点" + tag));
		mvc.perform(post("/admin/sites/" + duanzhouSite + "/edit").with(duanzhou).with(csrf())
				.param("name", "端州改名" + tag).param("version", "0"))
				.andExpect(status().is3xxRedirection());
		mvc.perform(put("/api/v1/admin/sites/" + duanzhouSite).with(duanzhou).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body("端州再改" + tag).replace("\"version\":0", "\"version\":1")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.version").value(2));
		assertThat(row(duanzhouSite)).containsEntry("name", "端州再改" + tag).containsEntry("version", 2);
	}

	@Test
	void countyStaffGetNothingOfAnotherCounty() throws Exception {
		RequestPostProcessor duanzhou = users.staff("441202", Roles.OFFICE_STAFF);
		Map<String, Object> before = row(dinghuSite);
		long total = jdbc.sql("select count(*) from practice_site").query(Long.class).single();

		// list and count, by page and by API, with 鼎湖区 as the region filter: refused, not data
		mvc.perform(get("/admin/sites").param("region", "441203").with(duanzhou)).andExpect(status().isForbidden());
		mvc.perform(get("/admin/sites").param("region", "441203001").with(duanzhou)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/admin/sites").param("region", "441203").with(duanzhou))
				.andExpect(status().isForbidden());
		mvc.perform(get("/admin/sites/new").param("region", "441203").with(duanzhou)).andExpect(status().isForbidden());
		// list and count without a filter, searching for the other county's site by name: not there
		mvc.perform(get("/api/v1/admin/sites").param("q", tag).with(duanzhou))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.total").value(1))
				.andExpect(jsonPath("$.items[0].id").value(duanzhouSite));
		mvc.perform(get("/api/v1/admin/sites").param("size", "2000").with(duanzhou))
				.andExpect(jsonPath("$.total").value(sitesUnder("44.4412.441202")))
				.andExpect(jsonPath("$.items[*].id", not(hasItem((int) dinghuSite))));
		mvc.perform(get("/admin/sites").param("q", "鼎湖测试点" + tag).with(duanzhou))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("/admin/sites/" + dinghuSite + "/edit"))))
				.andExpect(content().string(containsString("共0个阵地")));
		// read: not found, as if it did not exist
		mvc.perform(get("/admin/sites/" + dinghuSite + "/edit").with(duanzhou)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/admin/sites/" + dinghuSite).with(duanzhou)).andExpect(status().isNotFound());
		// edit: not found, nothing changed
		mvc.perform(post("/admin/sites/" + dinghuSite + "/edit").with(duanzhou).with(csrf())
				.param("name", "越权修改").param("version", "0"))
				.andExpect(status().isNotFound());
		mvc.perform(put("/api/v1/admin/sites/" + dinghuSite).with(duanzhou).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body("越权修改")))
				.andExpect(status().isNotFound());
		// create in the other county: refused
		mvc.perform(post("/admin/sites/new").with(duanzhou).with(csrf())
				.param("regionCode", "441203001").param("kind", "POINT").param("name", "越权新增"))
				.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/admin/sites").with(duanzhou).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"regionCode\":\"441203001\",\"kind\":\"POINT\",\"name\":\"越权新增\"}"))
				.andExpect(status().isForbidden());

		assertThat(row(dinghuSite)).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from practice_site").query(Long.class).single()).isEqualTo(total);
		// the reads and edits of a specific out-of-scope site were recorded for the security audit
		assertThat(events.stream(ScopeViolation.class)
				.filter(v -> v.resource().equals("site") && v.id().equals(String.valueOf(dinghuSite))))
				.hasSize(4);
	}

	@Test
	void cityStaffManageSitesOfEveryCounty() throws Exception {
		RequestPostProcessor city = users.staff("4412", Roles.OFFICE_STAFF);
		for (long site : new long[] { duanzhouSite, dinghuSite }) {
			mvc.perform(get("/admin/sites/" + site + "/edit").with(city)).andExpect(status().isOk());
			mvc.perform(get("/api/v1/admin/sites/" + site).with(city)).andExpect(status().isOk());
			mvc.perform(post("/admin/sites/" + site + "/edit").with(city).with(csrf())
					.param("name", "市级修改" + tag).param("version", "0"))
					.andExpect(status().is3xxRedirection());
			mvc.perform(put("/api/v1/admin/sites/" + site).with(city).with(csrf())
					.contentType(MediaType.APPLICATION_JSON).content(body("市级再改" + tag).replace("\"version\":0", "\"version\":1")))
					.andExpect(status().isOk());
			assertThat(row(site)).containsEntry("name", "市级再改" + tag).containsEntry("version", 2);
		}
		mvc.perform(get("/admin/sites").param("region", "441203").with(city)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/admin/sites").param("region", "441203").param("size", "2000").with(city))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.total").value(sitesUnder("44.4412.441203")))
				.andExpect(jsonPath("$.items[*].id", hasItem((int) dinghuSite)));
		mvc.perform(get("/api/v1/admin/sites").param("size", "2000").with(city))
				.andExpect(jsonPath("$.total").value(sitesUnder("44.4412")))
				.andExpect(jsonPath("$.items.length()").value(Math.min(2000, sitesUnder("44.4412"))));
		// but not another city
		mvc.perform(get("/api/v1/admin/sites").param("region", "4401").with(city)).andExpect(status().isForbidden());
	}

	@Test
	void rolesWithoutSiteRightsAreForbiddenEverywhere() throws Exception {
		for (String role : new String[] { Roles.VOLUNTEER, Roles.CITIZEN, Roles.TEAM_LEADER }) {
			RequestPostProcessor person = users.staff("441202", role);
			mvc.perform(get("/admin/sites").with(person)).andExpect(status().isForbidden());
			mvc.perform(get("/admin/sites/new").with(person)).andExpect(status().isForbidden());
			mvc.perform(get("/admin/sites/" + duanzhouSite + "/edit").with(person)).andExpect(status().isForbidden());
			mvc.perform(post("/admin/sites/" + duanzhouSite + "/edit").with(person).with(csrf())
					.param("name", "志愿者改").param("version", "0")).andExpect(status().isForbidden());
			mvc.perform(post("/admin/sites/new").with(person).with(csrf())
					.param("regionCode", "441202001").param("kind", "POINT").param("name", "志愿者加"))
					.andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/admin/sites").with(person)).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/admin/sites/" + duanzhouSite).with(person)).andExpect(status().isForbidden());
			mvc.perform(put("/api/v1/admin/sites/" + duanzhouSite).with(person).with(csrf())
					.contentType(MediaType.APPLICATION_JSON).content(body("志愿者改"))).andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/admin/sites").with(person).with(csrf()).contentType(MediaType.APPLICATION_JSON)
					.content("{\"regionCode\":\"441202001\",\"kind\":\"POINT\",\"name\":\"志愿者加\"}"))
					.andExpect(status().isForbidden());
		}
		mvc.perform(get("/admin/sites")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/admin/sites")).andExpect(status().is(org.hamcrest.Matchers.oneOf(401, 302)));
		assertThat(row(duanzhouSite)).containsEntry("name", "端州测试点" + tag).containsEntry("version", 0);
	}

	@Test
	void siteAdminsAndTheSystemAdministratorMayManage() throws Exception {
		mvc.perform(get("/api/v1/admin/sites/" + duanzhouSite).with(users.staff("441202001", Roles.SITE_ADMIN)))
				.andExpect(status().isOk());
		mvc.perform(get("/api/v1/admin/sites/" + duanzhouSite).with(users.staff("441202003", Roles.SITE_ADMIN)))
				.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/admin/sites/" + dinghuSite).with(users.systemAdmin())).andExpect(status().isOk());
		mvc.perform(get("/admin/sites").with(users.systemAdmin()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("肇庆市")));
	}
}
