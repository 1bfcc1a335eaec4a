package org.wenming.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * A county office (端州区 441202) sees and touches only users bound inside its county; the city
 * office (肇庆市 4412) sees both counties. Every user endpoint is tried, pages and API alike.
 */
@WenmingTest
class UserScopeTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Regions regions;

	AccountFixtures fixtures;

	TestUsers users;

	String prefix;

	String duanzhouName;

	String dinghuName;

	long duanzhou;

	long dinghu;

	@BeforeEach
	void setUp() {
		fixtures = new AccountFixtures(jdbc, encoder);
		users = new TestUsers(regions);
		prefix = AccountFixtures.unique("scope");
		duanzhouName = prefix + "-dz";
		dinghuName = prefix + "-dh";
		duanzhou = fixtures.user(duanzhouName, "441202001", Roles.VOLUNTEER);
		dinghu = fixtures.user(dinghuName, "441203", Roles.SITE_ADMIN);
	}

	RequestPostProcessor county() {
		return users.staff("441202", Roles.OFFICE_STAFF);
	}

	RequestPostProcessor city() {
		return users.staff("4412", Roles.OFFICE_STAFF);
	}

	@Test
	void theCountyListsAndCountsOnlyItsOwnUsers() throws Exception {
		mvc.perform(get("/admin/users").param("q", prefix).with(county())).andExpect(status().isOk())
				.andExpect(content().string(containsString(duanzhouName)))
				.andExpect(content().string(not(containsString(dinghuName))));
		mvc.perform(get("/api/v1/admin/users").param("q", prefix).with(county())).andExpect(status().isOk())
				.andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].username").value(duanzhouName));
		mvc.perform(get("/api/v1/admin/users").param("q", prefix).param("role", Roles.SITE_ADMIN).with(county()))
				.andExpect(jsonPath("$.total").value(0));
	}

	@Test
	void theCityListsAndCountsBoth() throws Exception {
		mvc.perform(get("/admin/users").param("q", prefix).with(city())).andExpect(status().isOk())
				.andExpect(content().string(containsString(duanzhouName)))
				.andExpect(content().string(containsString(dinghuName)));
		mvc.perform(get("/api/v1/admin/users").param("q", prefix).with(city())).andExpect(jsonPath("$.total").value(2));
	}

	@Test
	void theCountyCannotReadAUserOfAnotherCountyAndTheAttemptIsAudited() throws Exception {
		mvc.perform(get("/admin/users/" + dinghu).with(county())).andExpect(status().isNotFound())
				.andExpect(content().string(not(containsString(dinghuName))));
		mvc.perform(get("/api/v1/admin/users/" + dinghu).with(county())).andExpect(status().isNotFound())
				.andExpect(content().string(not(containsString(dinghuName))));
		assertThat(jdbc.sql("select count(*) from security_event where type = 'OUT_OF_SCOPE' and detail like :d")
				.param("d", "user " + dinghu + " via %").query(Integer.class).single()).isEqualTo(2);

		mvc.perform(get("/admin/users/" + duanzhou).with(county())).andExpect(status().isOk())
				.andExpect(content().string(containsString(duanzhouName)));
		mvc.perform(get("/api/v1/admin/users/" + duanzhou).with(county())).andExpect(status().isOk())
				.andExpect(jsonPath("$.username").value(duanzhouName)).andExpect(jsonPath("$.passwordHash").doesNotExist());
	}

	@Test
	void theCityReadsBoth() throws Exception {
		mvc.perform(get("/admin/users/" + dinghu).with(city())).andExpect(status().isOk())
				.andExpect(content().string(containsString(dinghuName)));
		mvc.perform(get("/api/v1/admin/users/" + dinghu).with(city())).andExpect(jsonPath("$.regionCode").value("441203"));
	}

	@Test
	void theCountyCannotEditAUserOfAnotherCounty() throws Exception {
		mvc.perform(post("/admin/users/" + dinghu).with(county()).with(csrf()).param("displayName", "改名")
				.param("roles", Roles.VOLUNTEER).param("regionCode", "441202").param("enabled", "true"))
				.andExpect(status().isNotFound());
		mvc.perform(put("/api/v1/admin/users/" + dinghu).with(county()).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"displayName":"改名","roles":["VOLUNTEER"],"regionCode":"441202","enabled":true}"""))
				.andExpect(status().isNotFound());
		assertThat(jdbc.sql("select display_name || '/' || region_code from app_user where id = :id").param("id", dinghu)
				.query(String.class).single()).isEqualTo("测试 " + dinghuName + "/441203");
		assertThat(jdbc.sql("select role from user_role where user_id = :id").param("id", dinghu).query(String.class)
				.list()).containsExactly(Roles.SITE_ADMIN);
	}

	@Test
	void theCityEditsAUserOfEitherCounty() throws Exception {
		mvc.perform(put("/api/v1/admin/users/" + dinghu).with(city()).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"displayName":"鼎湖 管理员","roles":["SITE_ADMIN","TEAM_LEADER"],"regionCode":"441203","enabled":true}"""))
				.andExpect(status().isOk()).andExpect(jsonPath("$.displayName").value("鼎湖 管理员"));
		mvc.perform(post("/admin/users/" + duanzhou).with(city()).with(csrf()).param("displayName", "端州 志愿者")
				.param("roles", Roles.VOLUNTEER).param("regionCode", "441203").param("enabled", "true"))
				.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select region_code from app_user where id = :id").param("id", duanzhou)
				.query(String.class).single()).isEqualTo("441203");
	}

	@Test
	void theCountyCannotCreateAUserInAnotherCountyButTheCityCan() throws Exception {
		String outside = prefix + "-new-dh";
		mvc.perform(post("/admin/users").with(county()).with(csrf()).param("username", outside)
				.param("displayName", "新用户").param("password", "Abcdef12345").param("roles", Roles.VOLUNTEER)
				.param("regionCode", "441203")).andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("id=\"regionCode-error\"")));
		mvc.perform(post("/api/v1/admin/users").with(county()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"username":"%s","displayName":"新用户","password":"Abcdef12345","roles":["VOLUNTEER"],"regionCode":"441203"}"""
						.formatted(outside)))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		assertThat(jdbc.sql("select count(*) from app_user where username = :u").param("u", outside)
				.query(Integer.class).single()).isZero();

		mvc.perform(post("/api/v1/admin/users").with(city()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"username":"%s","displayName":"新用户","password":"Abcdef12345","roles":["VOLUNTEER"],"regionCode":"441203"}"""
						.formatted(outside)))
				.andExpect(status().isCreated()).andExpect(jsonPath("$.regionCode").value("441203"));
		assertThat(fixtures.events("USER_CREATED", outside)).isEqualTo(1);
	}

	@Test
	void theCountySeesOnlyAuditEventsOfItsOwnActors() throws Exception {
		for (long id : new long[] { duanzhou, dinghu }) {
			String name = id == duanzhou ? duanzhouName : dinghuName;
			mvc.perform(post("/login").param("username", name).param("password", "wrong-one-1").with(csrf()));
		}
		mvc.perform(get("/api/v1/admin/audit").param("username", dinghuName).with(county()))
				.andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
		mvc.perform(get("/api/v1/admin/audit").param("username", duanzhouName).with(county()))
				.andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].type").value("LOGIN_FAILURE"));
		mvc.perform(get("/admin/audit").param("type", "LOGIN_FAILURE").with(county())).andExpect(status().isOk())
				.andExpect(content().string(containsString(duanzhouName)))
				.andExpect(content().string(not(containsString(dinghuName))));

		mvc.perform(get("/api/v1/admin/audit").param("username", dinghuName).with(city()))
				.andExpect(jsonPath("$.total").value(1));
		mvc.perform(get("/admin/audit").param("username", dinghuName).with(city()))
				.andExpect(content().string(containsString(dinghuName)));
	}

	@Test
	void aVolunteerIsRefusedEveryAdministrationEndpointAndTheRefusalIsAudited() throws Exception {
		RequestPostProcessor volunteer = users.staff("441202", Roles.VOLUNTEER);
		String[] pages = { "/admin/users", "/admin/users/new", "/admin/users/" + duanzhou, "/admin/audit",
				"/api/v1/admin/users", "/api/v1/admin/users/" + duanzhou, "/api/v1/admin/audit" };
		int before = deniedCount();
		for (String page : pages) {
			mvc.perform(get(page).with(volunteer)).andExpect(status().isForbidden());
		}
		mvc.perform(post("/admin/users").with(volunteer).with(csrf()).param("username", prefix + "-v"))
				.andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/admin/users/" + duanzhou).with(volunteer).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(deniedCount() - before).isGreaterThanOrEqualTo(pages.length + 2);
	}

	private int deniedCount() {
		return jdbc.sql("select count(*) from security_event where type = 'PERMISSION_DENIED' and actor_username = 'test-441202'")
				.query(Integer.class).single();
	}
}
