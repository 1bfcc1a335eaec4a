package org.wenming.servicedesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopeViolation;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The menu pages by HTTP: a station's staff add, edit and retire an item and the public find it under
 * the village (page in three languages and JSON); bad input answers 400 naming the fields with nothing
 * stored; another county's staff get 404 (and a security event) for the site and the item, 403 for its
 * region; the city office reaches both.
 */
@WenmingTest
@RecordApplicationEvents
class MenuPagesTest {

	static final String VILLAGE = "441202001002";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ApplicationEvents events;

	TestUsers users;

	String tag;

	long station;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		tag = UUID.randomUUID().toString().substring(0, 8);
		station = jdbc.sql("select id from practice_site where region_code = :code and kind = 'STATION'")
				.param("code", VILLAGE).query(Long.class).single();
	}

	long items() {
		return jdbc.sql("select count(*) from service_menu_item").query(Long.class).single();
	}

	Map<String, Object> item(String name) {
		return jdbc.sql("select id, name, category, lead_days, at_home, status, version from service_menu_item where name = :n")
				.param("n", name).query().singleRow();
	}

	@Test
	void staffAddEditAndRetireAndThePublicSeeIt() throws Exception {
		RequestPostProcessor staff = users.staff(VILLAGE, Roles.SITE_ADMIN);
		mvc.perform(get("/admin/service/menu").with(staff)).andExpect(status().isOk())
				.andExpect(content().string(containsString("/admin/service/menu/new?site=" + station)));
		mvc.perform(get("/admin/service/menu/new").param("site", String.valueOf(station)).with(staff))
				.andExpect(status().isOk()).andExpect(content().string(containsString("name=\"category\"")));
		mvc.perform(post("/admin/service/menu/new").param("site", String.valueOf(station)).with(staff).with(csrf())
				.param("name", "理发" + tag).param("category", "DAILY_CARE").param("description", "为行动不便的老人上门理发")
				.param("leadDays", "3").param("atHome", "true"))
				.andExpect(status().is3xxRedirection());
		Map<String, Object> row = item("理发" + tag);
		assertThat(row).containsEntry("category", "DAILY_CARE").containsEntry("lead_days", 3)
				.containsEntry("at_home", true).containsEntry("version", 0);
		long id = ((Number) row.get("id")).longValue();

		// the public: by the village, in three languages, and as JSON
		mvc.perform(get("/service").param("region", VILLAGE)).andExpect(status().isOk())
				.andExpect(content().string(containsString("理发" + tag)))
				.andExpect(content().string(containsString("生活照料")));
		mvc.perform(get("/service").param("region", VILLAGE).param("lang", "zh-TW")).andExpect(status().isOk())
				.andExpect(content().string(containsString("服務選單")));
		mvc.perform(get("/service").param("region", VILLAGE).param("lang", "en")).andExpect(status().isOk())
				.andExpect(content().string(containsString("Daily care")));
		mvc.perform(get("/service/sites/" + station)).andExpect(status().isOk())
				.andExpect(content().string(containsString("理发" + tag)));
		mvc.perform(get("/api/v1/service/menu").param("region", VILLAGE)).andExpect(status().isOk())
				.andExpect(jsonPath("$.sites[0].siteId").value(station))
				.andExpect(jsonPath("$.sites[0].items[*].name", hasItem("理发" + tag)))
				.andExpect(jsonPath("$.sites[*].kind", hasItem("CENTRE")));

		mvc.perform(get("/admin/service/menu/" + id + "/edit").with(staff)).andExpect(status().isOk())
				.andExpect(content().string(containsString("理发" + tag)));
		mvc.perform(post("/admin/service/menu/" + id + "/edit").with(staff).with(csrf()).param("version", "0")
				.param("name", "上门理发" + tag).param("category", "DAILY_CARE"))
				.andExpect(status().is3xxRedirection());
		assertThat(item("上门理发" + tag)).containsEntry("version", 1).containsEntry("at_home", false);
		// an edit on the old version: 409, nothing changed
		mvc.perform(post("/admin/service/menu/" + id + "/edit").with(staff).with(csrf()).param("version", "0")
				.param("name", "旧" + tag).param("category", "DAILY_CARE"))
				.andExpect(status().isConflict());
		mvc.perform(post("/admin/service/menu/" + id + "/retire").with(staff).with(csrf()).param("version", "1"))
				.andExpect(status().is3xxRedirection());
		assertThat(item("上门理发" + tag)).containsEntry("status", "RETIRED");
		mvc.perform(get("/service").param("region", VILLAGE))
				.andExpect(content().string(not(containsString("上门理发" + tag))));
	}

	@Test
	void badInputAnswers400NamingTheFieldsWithNothingStored() throws Exception {
		RequestPostProcessor staff = users.staff(VILLAGE, Roles.SITE_ADMIN);
		long before = items();
		mvc.perform(post("/admin/service/menu/new").param("site", String.valueOf(station)).with(staff).with(csrf())
				.param("name", "").param("category", "NOPE").param("leadDays", "abc"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("id=\"name-error\"")))
				.andExpect(content().string(containsString("id=\"category-error\"")))
				.andExpect(content().string(containsString("id=\"leadDays-error\"")))
				.andExpect(content().string(containsString("请填写服务名称")));
		assertThat(items()).isEqualTo(before);
		mvc.perform(get("/api/v1/service/menu").param("region", "x1")).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("region"));
		mvc.perform(get("/api/v1/service/menu").param("region", "4412")).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("region"));
		mvc.perform(get("/api/v1/service/menu").param("region", "441299999999")).andExpect(status().isNotFound());
	}

	@Test
	void anotherCountyGetsNothingAndTheCityReachesBoth() throws Exception {
		RequestPostProcessor county = users.staff("441202", Roles.OFFICE_STAFF);
		mvc.perform(post("/admin/service/menu/new").param("site", String.valueOf(station)).with(county).with(csrf())
				.param("name", "探访" + tag).param("category", "HOME_VISIT")).andExpect(status().is3xxRedirection());
		long id = ((Number) item("探访" + tag).get("id")).longValue();
		long before = items();

		RequestPostProcessor dinghu = users.staff("441203", Roles.OFFICE_STAFF);
		mvc.perform(get("/admin/service/menu").param("region", "441202").with(dinghu)).andExpect(status().isForbidden());
		mvc.perform(get("/admin/service/menu/new").param("site", String.valueOf(station)).with(dinghu))
				.andExpect(status().isNotFound());
		mvc.perform(post("/admin/service/menu/new").param("site", String.valueOf(station)).with(dinghu).with(csrf())
				.param("name", "越权" + tag).param("category", "HOME_VISIT")).andExpect(status().isNotFound());
		mvc.perform(get("/admin/service/menu/" + id + "/edit").with(dinghu)).andExpect(status().isNotFound());
		mvc.perform(post("/admin/service/menu/" + id + "/edit").with(dinghu).with(csrf()).param("version", "0")
				.param("name", "越权" + tag).param("category", "HOME_VISIT")).andExpect(status().isNotFound());
		mvc.perform(post("/admin/service/menu/" + id + "/retire").with(dinghu).with(csrf()).param("version", "0"))
				.andExpect(status().isNotFound());
		mvc.perform(get("/admin/service/menu").with(dinghu)).andExpect(status().isOk())
				.andExpect(content().string(not(containsString("探访" + tag))));
		mvc.perform(get("/admin/service/menu").with(users.staff(VILLAGE, Roles.VOLUNTEER)))
				.andExpect(status().isForbidden());
		assertThat(items()).isEqualTo(before);
		assertThat(item("探访" + tag)).containsEntry("status", "ACTIVE").containsEntry("version", 0);
		assertThat(events.stream(ScopeViolation.class).filter(v -> v.id().equals(String.valueOf(id))
				|| v.id().equals(String.valueOf(station)))).hasSize(5);

		RequestPostProcessor city = users.staff("4412", Roles.OFFICE_STAFF);
		mvc.perform(get("/admin/service/menu/" + id + "/edit").with(city)).andExpect(status().isOk());
		mvc.perform(post("/admin/service/menu/" + id + "/retire").with(city).with(csrf()).param("version", "0"))
				.andExpect(status().is3xxRedirection());
		assertThat(item("探访" + tag)).containsEntry("status", "RETIRED");
	}
}
