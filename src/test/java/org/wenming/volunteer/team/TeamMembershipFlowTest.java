package org.wenming.volunteer.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
 * Joining a team end to end over HTTP: a volunteer applies, a leader approves or declines with a
 * reason, members leave or are removed, history stays; public pages mask every person's name.
 */
@WenmingTest
class TeamMembershipFlowTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	TeamFixtures fixtures;

	TestUsers users;

	String tag;

	long corps;

	long squadBranch;

	long leaderUser;

	long volunteerUser;

	RequestPostProcessor leader;

	RequestPostProcessor volunteer;

	@BeforeEach
	void teamWithLeaderAndVolunteer() {
		fixtures = new TeamFixtures(jdbc);
		users = new TestUsers(regions);
		tag = TeamFixtures.tag();
		corps = fixtures.team("端州测试总队" + tag, null, "CORPS", "441202", TeamFixtures.DUANZHOU_PATH);
		squadBranch = fixtures.team("端州测试支队" + tag, corps, "BRANCH", "441202", TeamFixtures.DUANZHOU_PATH);
		leaderUser = fixtures.account("李队长");
		fixtures.leader(corps, leaderUser);
		leader = users.person(leaderUser, "441202", Roles.TEAM_LEADER);
		volunteerUser = fixtures.volunteerWithLogin("张小三");
		volunteer = users.person(volunteerUser, "441202", Roles.VOLUNTEER);
	}

	@Test
	void applyApproveLeaveAndTheHistoryStays() throws Exception {
		mvc.perform(post("/teams/" + corps + "/apply").with(csrf()).with(volunteer))
				.andExpect(status().is3xxRedirection());
		long volunteerId = fixtures.volunteerIdOf(volunteerUser);
		long application = fixtures.openMembership(corps, volunteerId);
		assertThat(fixtures.status(application)).isEqualTo("APPLIED");
		mvc.perform(get("/teams/" + corps).with(volunteer)).andExpect(content().string(containsString("等待队长审核")));

		mvc.perform(get("/admin/teams/" + corps + "/members").with(leader)).andExpect(status().isOk())
				.andExpect(content().string(containsString("张小三")));
		mvc.perform(post("/admin/teams/" + corps + "/members/" + application + "/approve").with(csrf()).with(leader))
				.andExpect(status().is3xxRedirection());
		assertThat(fixtures.status(application)).isEqualTo("MEMBER");

		mvc.perform(get("/teams/" + corps)).andExpect(status().isOk())
				.andExpect(content().string(containsString("张*三")))
				.andExpect(content().string(not(containsString("张小三"))))
				.andExpect(content().string(containsString("李*长")))
				.andExpect(content().string(not(containsString("李队长"))))
				.andExpect(content().string(containsString("登录后申请加入")));
		mvc.perform(get("/api/v1/teams/" + corps)).andExpect(jsonPath("$.statistics.members").value(1))
				.andExpect(jsonPath("$.statistics.joinedThisYear").value(1))
				.andExpect(jsonPath("$.leaders[0]").value("李*长"))
				.andExpect(content().string(not(containsString("张小三"))));

		mvc.perform(post("/me/teams/" + application + "/leave").with(csrf()).with(volunteer))
				.andExpect(status().is3xxRedirection());
		assertThat(fixtures.status(application)).isEqualTo("LEFT");
		mvc.perform(get("/api/v1/teams/" + corps)).andExpect(jsonPath("$.statistics.members").value(0))
				.andExpect(jsonPath("$.statistics.joinedThisYear").value(1));

		// applying again after leaving is a new row; the old one stays readable
		mvc.perform(post("/teams/" + corps + "/apply").with(csrf()).with(volunteer))
				.andExpect(status().is3xxRedirection());
		assertThat(fixtures.rows(corps)).isEqualTo(2);
		mvc.perform(get("/me/teams").with(volunteer)).andExpect(content().string(containsString("已退出")))
				.andExpect(content().string(containsString("待审核")));
	}

	@Test
	void aDeclineCarriesItsReasonAndARemovalNeedsOne() throws Exception {
		long volunteerId = fixtures.volunteerIdOf(volunteerUser);
		mvc.perform(post("/teams/" + corps + "/apply").with(csrf()).with(volunteer));
		long first = fixtures.openMembership(corps, volunteerId);
		mvc.perform(post("/admin/teams/" + corps + "/members/" + first + "/decline").with(csrf()).with(leader)
				.param("reason", "")).andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("reason-error-" + first)));
		assertThat(fixtures.status(first)).isEqualTo("APPLIED");
		mvc.perform(post("/admin/teams/" + corps + "/members/" + first + "/decline").with(csrf()).with(leader)
				.param("reason", "本队只招募医护人员")).andExpect(status().is3xxRedirection());
		assertThat(fixtures.status(first)).isEqualTo("DECLINED");
		mvc.perform(get("/me/teams").with(volunteer)).andExpect(content().string(containsString("本队只招募医护人员")));

		mvc.perform(post("/teams/" + corps + "/apply").with(csrf()).with(volunteer));
		long second = fixtures.openMembership(corps, volunteerId);
		mvc.perform(post("/admin/teams/" + corps + "/members/" + second + "/approve").with(csrf()).with(leader));
		mvc.perform(post("/admin/teams/" + corps + "/members/" + second + "/remove").with(csrf()).with(leader)
				.param("reason", " ")).andExpect(status().isBadRequest());
		assertThat(fixtures.status(second)).isEqualTo("MEMBER");
		mvc.perform(post("/admin/teams/" + corps + "/members/" + second + "/remove").with(csrf()).with(leader)
				.param("reason", "长期未参加活动")).andExpect(status().is3xxRedirection());
		assertThat(fixtures.status(second)).isEqualTo("REMOVED");
		// a decided application cannot be decided again
		mvc.perform(post("/admin/teams/" + corps + "/members/" + first + "/approve").with(csrf()).with(leader))
				.andExpect(status().isConflict());
		assertThat(fixtures.status(first)).isEqualTo("DECLINED");
	}

	@Test
	void aVolunteerBelongsToSeveralTeamsAndALeaderLeadsTheTeamsBelow() throws Exception {
		long volunteerId = fixtures.volunteerIdOf(volunteerUser);
		mvc.perform(post("/teams/" + corps + "/apply").with(csrf()).with(volunteer));
		mvc.perform(post("/teams/" + squadBranch + "/apply").with(csrf()).with(volunteer));
		mvc.perform(post("/teams/" + squadBranch + "/apply").with(csrf()).with(volunteer))
				.andExpect(status().isConflict());
		long inCorps = fixtures.openMembership(corps, volunteerId);
		long inBranch = fixtures.openMembership(squadBranch, volunteerId);
		// the corps leader leads the branch below it
		mvc.perform(post("/admin/teams/" + squadBranch + "/members/" + inBranch + "/approve").with(csrf()).with(leader))
				.andExpect(status().is3xxRedirection());
		mvc.perform(post("/admin/teams/" + corps + "/members/" + inCorps + "/approve").with(csrf()).with(leader));
		assertThat(fixtures.status(inCorps)).isEqualTo("MEMBER");
		assertThat(fixtures.status(inBranch)).isEqualTo("MEMBER");

		// a leader of the branch does not lead the corps above it
		long branchLeader = fixtures.account("王支队长");
		fixtures.leader(squadBranch, branchLeader);
		mvc.perform(get("/admin/teams/" + corps + "/members").with(users.person(branchLeader, "441202", Roles.TEAM_LEADER)))
				.andExpect(status().isNotFound());
		// the volunteer cannot decide their own application
		mvc.perform(post("/admin/teams/" + corps + "/members/" + inCorps + "/remove").with(csrf()).with(volunteer)
				.param("reason", "自己")).andExpect(status().isNotFound());
		assertThat(fixtures.status(inCorps)).isEqualTo("MEMBER");
	}

	@Test
	void onlyTheVolunteerThemselvesApplyAndLeave() throws Exception {
		long withdrawnUser = fixtures.account("退出者");
		fixtures.volunteer("赵退出", withdrawnUser, "WITHDRAWN");
		mvc.perform(post("/teams/" + corps + "/apply").with(csrf()).with(users.person(withdrawnUser, "441202", Roles.VOLUNTEER)))
				.andExpect(status().isForbidden());
		long notAVolunteer = fixtures.account("游客");
		mvc.perform(post("/teams/" + corps + "/apply").with(csrf()).with(users.person(notAVolunteer, "441202")))
				.andExpect(status().isForbidden());
		assertThat(fixtures.rows(corps)).isZero();
		mvc.perform(post("/teams/" + corps + "/apply")).andExpect(status().is4xxClientError());
		mvc.perform(post("/teams/" + corps + "/apply").with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(fixtures.rows(corps)).isZero();

		mvc.perform(post("/teams/" + corps + "/apply").with(csrf()).with(volunteer));
		long application = fixtures.openMembership(corps, fixtures.volunteerIdOf(volunteerUser));
		long otherUser = fixtures.volunteerWithLogin("钱其他");
		mvc.perform(post("/me/teams/" + application + "/leave").with(csrf()).with(users.person(otherUser, "441202", Roles.VOLUNTEER)))
				.andExpect(status().isNotFound());
		assertThat(fixtures.status(application)).isEqualTo("APPLIED");
	}

	@Test
	void aDissolvedTeamTakesNoApplications() throws Exception {
		jdbc.sql("update team set status = 'DISSOLVED' where id = :id").param("id", corps).update();
		mvc.perform(post("/teams/" + corps + "/apply").with(csrf()).with(volunteer)).andExpect(status().isConflict());
		assertThat(fixtures.rows(corps)).isZero();
	}

	@Test
	void pagesInChineseAndEnglishAndUnknownIds() throws Exception {
		mvc.perform(get("/teams").param("region", "441202").param("q", "端州测试总队" + tag)).andExpect(status().isOk())
				.andExpect(content().string(containsString("端州测试总队" + tag)))
				.andExpect(content().string(containsString("志愿服务队伍")));
		mvc.perform(get("/teams/" + corps).param("lang", "en")).andExpect(status().isOk())
				.andExpect(content().string(containsString("Sign in to apply")))
				.andExpect(content().string(containsString("Corps")));
		mvc.perform(get("/teams/" + corps).with(volunteer)).andExpect(content().string(containsString("申请加入")));
		mvc.perform(get("/me/teams").with(volunteer).param("lang", "en")).andExpect(status().isOk())
				.andExpect(content().string(containsString("My teams")));
		for (String path : new String[] { "/teams/999999999", "/teams/abc", "/api/v1/teams/999999999", "/api/v1/teams/-1" }) {
			mvc.perform(get(path)).andExpect(status().isNotFound());
		}
		mvc.perform(get("/admin/teams/999999999/edit").with(users.staff("4412", Roles.OFFICE_STAFF)))
				.andExpect(status().isNotFound());
		mvc.perform(post("/teams/999999999/apply").with(csrf()).with(volunteer)).andExpect(status().isNotFound());
	}
}
