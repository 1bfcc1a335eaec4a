package org.wenming.volunteer.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.account.AccountDirectory;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Team leadership goes through the account module's role API: the TEAM_LEADER role is granted with
 * the first team a person leads and ends with the last, each change recorded as ROLE_CHANGED in the
 * security audit, as a staff member's role change is.
 */
@WenmingTest
class TeamLeadershipTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	AccountDirectory accounts;

	TeamFixtures fixtures;

	RequestPostProcessor office;

	long corps;

	long otherCorps;

	long person;

	String username;

	@BeforeEach
	void twoTeamsAndAnAccount() {
		fixtures = new TeamFixtures(jdbc);
		office = new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF);
		corps = fixtures.team("端州领队测试总队" + TeamFixtures.tag(), null, "CORPS", "441202", TeamFixtures.DUANZHOU_PATH);
		otherCorps = fixtures.team("端州领队测试二队" + TeamFixtures.tag(), null, "CORPS", "441202",
				TeamFixtures.DUANZHOU_PATH);
		person = fixtures.account("陈队长");
		username = fixtures.username(person);
	}

	@Test
	void theRoleComesWithTheFirstTeamAndGoesWithTheLastEachChangeAudited() throws Exception {
		lead(corps);
		assertThat(roles()).containsExactly(Roles.TEAM_LEADER);
		assertThat(roleChanges()).containsExactly("granted TEAM_LEADER: leads team " + corps);

		// a second team: the role is held already, nothing more to record
		lead(otherCorps);
		assertThat(roleChanges()).hasSize(1);

		// ending one of two leaderships keeps the role
		endLeadership(corps);
		assertThat(roles()).containsExactly(Roles.TEAM_LEADER);
		assertThat(roleChanges()).hasSize(1);

		endLeadership(otherCorps);
		assertThat(roles()).isEmpty();
		assertThat(roleChanges()).containsExactly("granted TEAM_LEADER: leads team " + corps,
				"revoked TEAM_LEADER: no longer leads team " + otherCorps);
		assertThat(jdbc.sql("""
				select actor_username from security_event where type = 'ROLE_CHANGED' and target_user_id = :id""")
			.param("id", person).query(String.class).list()).allSatisfy(actor -> assertThat(actor).isNotBlank());
	}

	@Test
	void otherModulesCannotGrantStaffRoles() {
		var staff = new TestUsers(regions).staffPrincipal("441202", Roles.OFFICE_STAFF);
		for (String role : List.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF, Roles.SITE_ADMIN, Roles.UNIT_HANDLER)) {
			assertThatThrownBy(() -> accounts.grantRole(person, role, staff, "test"))
				.isInstanceOf(IllegalArgumentException.class);
		}
		assertThat(roles()).isEmpty();
		assertThat(roleChanges()).isEmpty();
	}

	private void lead(long team) throws Exception {
		mvc.perform(post("/admin/teams/" + team + "/leaders").with(csrf()).with(office).param("username", username))
			.andExpect(status().is3xxRedirection());
	}

	private void endLeadership(long team) throws Exception {
		mvc.perform(post("/admin/teams/" + team + "/leaders/" + person + "/remove").with(csrf()).with(office))
			.andExpect(status().is3xxRedirection());
	}

	private List<String> roles() {
		return jdbc.sql("select role from user_role where user_id = :id order by role").param("id", person)
			.query(String.class).list();
	}

	private List<String> roleChanges() {
		return jdbc.sql("select detail from security_event where type = 'ROLE_CHANGED' and target_user_id = :id order by id")
			.param("id", person).query(String.class).list();
	}
}
