package org.wenming.servicedesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The menu form's team picker: it offers the active teams in the staff member's scope by name (not another
 * county's, not a dissolved one); the one picked is stored and shown selected when editing; a team outside the
 * scope sent anyway is refused naming {@code teamId}, nothing stored.
 */
@WenmingTest
class MenuTeamPickerTest {

	static final String COUNTY = "441202";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	TestUsers users;

	String tag;

	long station;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		tag = UUID.randomUUID().toString().substring(0, 8);
		station = jdbc.sql("select id from practice_site where region_code = '441202001002' and kind = 'STATION'")
			.query(Long.class).single();
	}

	long team(String name, String region, String status) {
		return jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, status, updated_by)
				values (:name, 'CORPS', 'PRACTICE', :region, :path, :status, 'test') returning id""")
			.param("name", name).param("region", region).param("path", regions.find(region).orElseThrow().path())
			.param("status", status).query(Long.class).single();
	}

	@Test
	void theFormOffersTheTeamsInScopeAndStoresThePickedOne() throws Exception {
		long ours = team("理发服务队" + tag, COUNTY, "ACTIVE");
		long dissolved = team("已解散队" + tag, COUNTY, "DISSOLVED");
		long theirs = team("鼎湖服务队" + tag, "441203", "ACTIVE");
		RequestPostProcessor staff = users.staff(COUNTY, Roles.OFFICE_STAFF);
		mvc.perform(get("/admin/service/menu/new").param("site", String.valueOf(station)).with(staff))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<option value=\"" + ours + "\">理发服务队" + tag + "</option>")))
			.andExpect(content().string(not(containsString("value=\"" + theirs + "\""))))
			.andExpect(content().string(not(containsString("value=\"" + dissolved + "\""))));
		long before = jdbc.sql("select count(*) from service_menu_item").query(Long.class).single();
		mvc.perform(post("/admin/service/menu/new").param("site", String.valueOf(station)).with(staff).with(csrf())
			.param("name", "越界队伍" + tag).param("category", "DAILY_CARE").param("teamId", String.valueOf(theirs)))
			.andExpect(status().isBadRequest()).andExpect(content().string(containsString("id=\"teamId-error\"")));
		assertThat(jdbc.sql("select count(*) from service_menu_item").query(Long.class).single()).isEqualTo(before);
		mvc.perform(post("/admin/service/menu/new").param("site", String.valueOf(station)).with(staff).with(csrf())
			.param("name", "上门理发" + tag).param("category", "DAILY_CARE").param("teamId", String.valueOf(ours)))
			.andExpect(status().is3xxRedirection());
		long item = jdbc.sql("select id from service_menu_item where name = :n and team_id = :t")
			.param("n", "上门理发" + tag).param("t", ours).query(Long.class).single();
		mvc.perform(get("/admin/service/menu/" + item + "/edit").with(staff)).andExpect(status().isOk())
			.andExpect(content().string(containsString("<option value=\"" + ours + "\" selected>")));
		mvc.perform(get("/admin/service/menu/" + item + "/edit").param("lang", "en").with(staff))
			.andExpect(status().isOk()).andExpect(content().string(containsString("The team that usually serves")));
	}
}
