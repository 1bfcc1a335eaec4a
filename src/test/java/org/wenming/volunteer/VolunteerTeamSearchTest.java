package org.wenming.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/** Staff search narrowed to the current members of one team. */
@WenmingTest
class VolunteerTeamSearchTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Test
	void onlyCurrentMembersOfTheTeamAreFound() throws Exception {
		TestUsers users = new TestUsers(regions);
		String surname = "欧阳";
		Volunteer member = volunteers.registerByStaff(TestVolunteers.draft(surname + "队员",
				TestVolunteers.residentId("441202"), TestVolunteers.mobile(), "441202001002"),
				users.staffPrincipal("4412", Roles.OFFICE_STAFF));
		Volunteer applicant = volunteers.registerByStaff(TestVolunteers.draft(surname + "申请",
				TestVolunteers.residentId("441202"), TestVolunteers.mobile(), "441202001002"),
				users.staffPrincipal("4412", Roles.OFFICE_STAFF));
		Volunteer former = volunteers.registerByStaff(TestVolunteers.draft(surname + "离队",
				TestVolunteers.residentId("441202"), TestVolunteers.mobile(), "441202001002"),
				users.staffPrincipal("4412", Roles.OFFICE_STAFF));
		long team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', '441202', '44.4412.441202.', 'test') returning id""")
			.param("name", "搜索测试队" + UUID.randomUUID().toString().substring(0, 6)).query(Long.class).single();
		membership(team, member.id(), "MEMBER");
		membership(team, applicant.id(), "APPLIED");
		membership(team, former.id(), "LEFT");

		RequestPostProcessor county = users.staff("441202", Roles.OFFICE_STAFF);
		mvc.perform(get("/api/v1/admin/volunteers").param("team", String.valueOf(team)).with(county))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].volunteerNumber").value(member.volunteerNumber()));
		// the filter combines with the others
		mvc.perform(get("/api/v1/admin/volunteers").param("team", String.valueOf(team)).param("q", surname + "申")
				.with(county))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(0));
		// another county's office sees none of them, whatever the team
		mvc.perform(get("/api/v1/admin/volunteers").param("team", String.valueOf(team))
				.with(users.staff("441203", Roles.OFFICE_STAFF)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(0));
		assertThat(member.volunteerNumber()).isNotBlank();
	}

	@Test
	void aMalformedTeamIsRefusedByName() throws Exception {
		for (String bad : new String[] { "x", "-1", "0", "1; drop table team", "99999999999999999999" }) {
			mvc.perform(get("/api/v1/admin/volunteers").param("team", bad)
					.with(new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("team"));
		}
	}

	private void membership(long team, long volunteer, String status) {
		jdbc.sql("insert into team_member (team_id, volunteer_id, status) values (:team, :volunteer, :status)")
			.param("team", team).param("volunteer", volunteer).param("status", status).update();
	}
}
