package org.wenming.servicedesk.taking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.servicedesk.dispatch.Dispatch;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * 接单 on the real database: 200 members of the team taking 3 places at once (real threads, the desk's own
 * service) — exactly 3 taken, 197 refused with the reason, five times over; a non-member refused; the leader
 * assigning a member; and the takeable list (JSON and page) never carrying the contact or the address.
 */
@WenmingTest
class TakingTest {

	@Autowired
	Taking taking;

	@Autowired
	Dispatch dispatch;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	PracticeSites sites;

	@Autowired
	ContactSeal seal;

	@Autowired
	MockMvc mvc;

	TakingFixtures fx;

	ScopedUser staff;

	@BeforeEach
	void fixtures() {
		fx = new TakingFixtures(jdbc, regions, sites, seal, dispatch);
		staff = fx.staff();
	}

	@Test
	void twoHundredMembersTakingThreePlacesAtOnceGetExactlyThreeFiveTimesOver() throws Exception {
		long team = fx.team();
		List<ScopedUser> members = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			members.add(fx.member(team, "接单" + i));
		}
		for (int round = 0; round < 5; round++) {
			long order = fx.order().id();
			fx.dispatch(order, team, 3, staff, 3 + round);
			List<Callable<Taking.Taken>> tasks = new ArrayList<>();
			for (ScopedUser member : members) {
				tasks.add(() -> taking.take(order, member));
			}
			List<Object> results = TakingFixtures.runAtOnce(tasks, 200);
			long taken = results.stream().filter(Taking.Taken.class::isInstance).count();
			List<ServiceRefusedException> refused = results.stream().filter(ServiceRefusedException.class::isInstance)
				.map(ServiceRefusedException.class::cast).toList();
			assertThat(taken).as("round %d", round).isEqualTo(3);
			assertThat(refused).as("round %d: every other take refused", round).hasSize(197);
			assertThat(refused).allSatisfy(ex -> {
				assertThat(ex.kind()).isEqualTo(ServiceRefusedException.Kind.CONFLICT);
				assertThat(ex.messageKey()).isEqualTo("activity.error.noPlacesLeft");
			});
			long shift = fx.shiftOf(order);
			assertThat(fx.confirmed(shift)).isEqualTo(3);
			assertThat(jdbc.sql("select confirmed_count from shift where id = :id").param("id", shift)
				.query(Integer.class).single()).isEqualTo(3);
			assertThat(fx.events(order, "TAKEN")).isEqualTo(3);
		}
	}

	@Test
	void aNonMemberIsRefusedAndNothingIsStored() {
		long team = fx.team();
		long order = fx.order().id();
		fx.dispatch(order, team, 2, staff);
		ScopedUser outsider = fx.volunteer("路人");
		assertThatThrownBy(() -> taking.take(order, outsider)).isInstanceOfSatisfying(ServiceRefusedException.class,
				ex -> {
					assertThat(ex.kind()).isEqualTo(ServiceRefusedException.Kind.FORBIDDEN);
					assertThat(ex.messageKey()).isEqualTo("servicedesk.service.error.notMember");
				});
		assertThat(fx.confirmed(fx.shiftOf(order))).isZero();
		assertThat(fx.events(order, "TAKEN")).isZero();
		assertThat(taking.takeable(outsider, null, null)).isEmpty();
	}

	@Test
	void aTakeBeforeDispatchOrTwiceIsRefused() {
		long team = fx.team();
		ScopedUser member = fx.member(team, "王小二");
		long order = fx.order().id();
		assertThatThrownBy(() -> taking.take(order, member)).isInstanceOfSatisfying(ServiceRefusedException.class,
				ex -> assertThat(ex.messageKey()).isEqualTo("servicedesk.service.error.notOpen"));
		fx.dispatch(order, team, 2, staff);
		taking.take(order, member);
		assertThatThrownBy(() -> taking.take(order, member)).isInstanceOfSatisfying(ServiceRefusedException.class,
				ex -> assertThat(ex.messageKey()).isEqualTo("activity.error.alreadySignedUp"));
		assertThat(fx.confirmed(fx.shiftOf(order))).isEqualTo(1);
	}

	@Test
	void theLeaderAssignsAMemberAndAnotherTeamsLeaderIsAnsweredNotFound() {
		long team = fx.team();
		ScopedUser leader = fx.leader(team);
		ScopedUser member = fx.member(team, "赵大妈");
		ScopedUser outsider = fx.volunteer("外人");
		long order = fx.order().id();
		fx.dispatch(order, team, 2, staff);
		assertThatThrownBy(() -> taking.assign(order, fx.volunteerId(outsider), leader))
			.isInstanceOfSatisfying(ServiceRefusedException.class,
					ex -> assertThat(ex.problems().get(0).field()).isEqualTo("volunteerId"));
		ScopedUser otherLeader = fx.leader(fx.team());
		assertThatThrownBy(() -> taking.assign(order, fx.volunteerId(member), otherLeader))
			.isInstanceOf(OutOfScopeException.class);
		Taking.Taken taken = taking.assign(order, fx.volunteerId(member), leader);
		assertThat(taken.placesLeft()).isEqualTo(1);
		assertThat(jdbc.sql("select decided_by from signup where id = :id").param("id", taken.signupId())
			.query(String.class).single()).isEqualTo(leader.username());
		List<Taking.TeamOrder> mine = taking.teamOrders(leader);
		assertThat(mine).singleElement().satisfies(o -> {
			assertThat(o.takers()).singleElement().satisfies(t -> assertThat(t.maskedName()).doesNotContain("大妈"));
			assertThat(o.placesLeft()).isEqualTo(1);
		});
		assertThat(taking.takeable(member, null, null)).singleElement()
			.satisfies(t -> assertThat(t.mine()).isTrue());
	}

	private String body(org.springframework.test.web.servlet.RequestBuilder request, int status) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
		return body;
	}

	@Test
	void theTakeableListShowsVillageTimeAndPlacesButNeverTheContactOrAddress() throws Exception {
		long team = fx.team();
		ScopedUser member = fx.member(team, "钱多多");
		long order = fx.order().id();
		fx.dispatch(order, team, 2, staff);
		var as = fx.users.person(member.userId(), TakingFixtures.COUNTY, Roles.VOLUNTEER);
		String json = body(get("/api/v1/service/takeable?lat=23.05&lon=112.47").with(as), 200);
		String village = regions.find(TakingFixtures.VILLAGE).orElseThrow().name();
		assertThat(json).contains("\"orderId\":" + order).contains(village).contains("\"placesLeft\":2")
			.contains("\"distanceKm\":");
		assertThat(json).doesNotContain(TakingFixtures.MOBILE).doesNotContain("4321").doesNotContain("测试巷")
			.doesNotContain("李阿伯").doesNotContain("23.051234").doesNotContain("112.471234");
		String page = body(get("/me/service-orders").with(as), 200);
		assertThat(page).contains(village).contains("/me/service-orders/" + order + "/take");
		assertThat(page).doesNotContain(TakingFixtures.MOBILE).doesNotContain("测试巷").doesNotContain("李阿伯");
		// a take by the page's form, then by JSON a second time: refused with the reason
		body(post("/me/service-orders/" + order + "/take").with(as).with(csrf()), 302);
		String again = body(post("/api/v1/service/orders/" + order + "/take").with(as).with(csrf())
			.accept(MediaType.APPLICATION_JSON), 409);
		assertThat(again).contains("detail");
		assertThat(fx.confirmed(fx.shiftOf(order))).isEqualTo(1);
		// out-of-range positions name the field
		body(get("/api/v1/service/takeable?lat=123&lon=112").with(as), 400);
	}

	@Test
	void theLeadersPageAssignsRefusesCompletionBeforeTheStartAndSpeaksThreeLanguages() throws Exception {
		long team = fx.team();
		ScopedUser leader = fx.leader(team);
		ScopedUser member = fx.member(team, "孙阿姨");
		long order = fx.order().id();
		fx.dispatch(order, team, 2, staff);
		var as = fx.users.person(leader.userId(), TakingFixtures.COUNTY, Roles.TEAM_LEADER);
		String page = body(get("/admin/service/team-orders").with(as), 200);
		assertThat(page).contains("/admin/service/team-orders/" + order + "/assign")
			.contains("/admin/service/team-orders/" + order + "/hand-back").doesNotContain(TakingFixtures.MOBILE);
		body(post("/admin/service/team-orders/" + order + "/assign").with(as).with(csrf())
			.param("volunteerId", String.valueOf(fx.volunteerId(member))), 302);
		assertThat(fx.confirmed(fx.shiftOf(order))).isEqualTo(1);
		// completion before the shift started: the page again, 409, with the reason
		String refused = body(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.multipart("/admin/service/team-orders/" + order + "/complete").param("note", "已完成").with(as)
			.with(csrf()), 409);
		assertThat(refused).contains("服务还没有开始");
		assertThat(fx.status(order)).isEqualTo("DISPATCHED");
		// a bad assignment names the field
		assertThat(body(post("/admin/service/team-orders/" + order + "/assign").with(as).with(csrf())
			.param("volunteerId", "abc"), 400)).contains("请填写数字");
		assertThat(body(get("/admin/service/team-orders").param("lang", "en").with(as), 200))
			.contains("My team's orders");
		assertThat(body(get("/admin/service/team-orders").param("lang", "zh-TW").with(as), 200)).contains("本隊的服務單");
		var volunteer = fx.users.person(member.userId(), TakingFixtures.COUNTY, Roles.VOLUNTEER);
		assertThat(body(get("/me/service-orders").param("lang", "en").with(volunteer), 200)).contains("Taken by me");
		assertThat(body(get("/me/service-orders").param("lang", "zh-TW").with(volunteer), 200)).contains("我已接單");
	}
}
