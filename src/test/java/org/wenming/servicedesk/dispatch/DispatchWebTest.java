package org.wenming.servicedesk.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopeViolation;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * The dispatch desk's page and JSON by HTTP: the queue of the sites in scope (overdue first) in three
 * languages and the elderly mode, the steps by form and by JSON, refusals naming fields (400) or the state
 * (409), another county's staff answered 404 with a security event, and the reveal recorded with its reason.
 */
@WenmingTest
@RecordApplicationEvents
class DispatchWebTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PracticeSites sites;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	@Autowired
	ApplicationEvents events;

	DispatchFixtures fx;

	TestUsers users;

	RequestPostProcessor station;

	RequestPostProcessor dinghu;

	@BeforeEach
	void fixtures() {
		fx = new DispatchFixtures(jdbc, sites, regions, seal);
		users = new TestUsers(regions);
		station = users.person(fx.account(), DispatchFixtures.VILLAGE, Roles.SITE_ADMIN);
		dinghu = users.staff("441203", Roles.OFFICE_STAFF);
	}

	private String body(MockHttpServletRequestBuilder request, int status) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo(status);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private String number(long order) {
		return jdbc.sql("select order_number from service_order where id = :id").param("id", order).query(String.class)
			.single();
	}

	@Test
	void theQueueShowsOverdueOrdersFirstInEveryLanguageAndTheElderlyMode() throws Exception {
		Instant now = Instant.now();
		long fresh = fx.order(now, now.plus(2, ChronoUnit.DAYS));
		long overdue = fx.order(now.minus(3, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS));
		long countyTeam = fx.team(DispatchFixtures.COUNTY);
		long otherCountyTeam = fx.team("441203");
		String zh = body(get("/admin/service/queue").with(station).param("lang", "zh-CN"), 200);
		assertThat(zh).contains("派单台", "已超时", "上门探访", "138****5678", "请选择队伍").doesNotContain(DispatchFixtures.MOBILE);
		// the dispatch form offers the teams that serve the village, not another county's
		assertThat(zh).contains("<option value=\"" + countyTeam + "\">")
			.doesNotContain("<option value=\"" + otherCountyTeam + "\">");
		assertThat(zh.indexOf(number(overdue))).isPositive().isLessThan(zh.indexOf(number(fresh)));
		assertThat(body(get("/admin/service/queue").with(station).param("lang", "zh-TW"), 200)).contains("派單臺", "已逾時");
		assertThat(body(get("/admin/service/queue").with(station).param("lang", "en"), 200)).contains("Dispatch desk",
				"Overdue", "Home visit");
		assertThat(body(get("/admin/service/queue").with(station).param("care", "on"), 200)).contains("class=\"care\"");
		// another county's office does not see it; a volunteer may not open the desk
		assertThat(body(get("/admin/service/queue").with(dinghu), 200)).doesNotContain(number(fresh));
		assertThat(mvc.perform(get("/admin/service/queue").with(users.staff(DispatchFixtures.VILLAGE, Roles.VOLUNTEER)))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void stepsByFormRefusalsShowTheReasonAndAnotherCountyGetsNotFound() throws Exception {
		long order = fx.order();
		// outside the scope: 404 and a security event; nothing stored
		body(post("/admin/service/queue/" + order + "/accept").with(dinghu).with(csrf()), 404);
		assertThat(events.stream(ScopeViolation.class).filter(e -> e.id().equals(String.valueOf(order))))
			.isNotEmpty();
		assertThat(fx.status(order)).isEqualTo("RECEIVED");
		// a decline without a reason: 400 naming the field, nothing stored
		String refused = body(post("/admin/service/queue/" + order + "/decline").with(station).with(csrf()), 400);
		assertThat(refused).contains("reason", "请填写原因");
		assertThat(fx.events(order)).isZero();
		// a dispatch with a malformed time names it
		String badTime = body(post("/admin/service/queue/" + order + "/dispatch").with(station).with(csrf())
			.param("teamId", "1").param("needed", "2").param("startsAt", "tomorrow").param("endsAt", ""), 400);
		assertThat(badTime).contains("startsAt");
		// accepted, then dispatched by form (city time from the datetime-local fields)
		String location = mvc.perform(post("/admin/service/queue/" + order + "/accept").with(station).with(csrf()))
			.andReturn().getResponse().getRedirectedUrl();
		assertThat(location).isEqualTo("/admin/service/queue?done=ACCEPTED");
		long team = fx.team(DispatchFixtures.COUNTY);
		LocalDateTime start = LocalDateTime.now().plusDays(4).truncatedTo(ChronoUnit.HOURS);
		mvc.perform(post("/admin/service/queue/" + order + "/dispatch").with(station).with(csrf())
			.param("teamId", String.valueOf(team)).param("needed", "2").param("startsAt", start.toString())
			.param("endsAt", start.plusHours(2).toString())).andReturn();
		assertThat(fx.status(order)).isEqualTo("DISPATCHED");
		// accepting a dispatched order: 409
		assertThat(body(post("/admin/service/queue/" + order + "/accept").with(station).with(csrf()), 409))
			.contains("不允许");
	}

	@Test
	void theJsonStepsAndTheRecordedReveal() throws Exception {
		long order = fx.order();
		String base = "/api/v1/service/orders/" + order;
		// bad input names the fields; nothing stored
		String bad = body(post(base + "/dispatch").with(station).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"needed\": 0}"), 400);
		assertThat(bad).contains("teamId", "needed", "startsAt", "endsAt");
		assertThat(fx.events(order)).isZero();
		// another county: 404 problem document
		body(post(base + "/accept").with(dinghu).with(csrf()), 404);
		body(post(base + "/reveal").with(dinghu).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"核实地址\"}"), 404);
		assertThat(body(post(base + "/accept").with(station).with(csrf()), 200)).contains("ACCEPTED");
		assertThat(body(post(base + "/accept").with(station).with(csrf()), 409)).contains("status");
		assertThat(body(get("/api/v1/service/queue").with(station), 200)).contains(number(order), "138****5678")
			.doesNotContain(DispatchFixtures.MOBILE);
		// the reveal needs a reason, and is recorded with it
		body(post(base + "/reveal").with(station).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"), 400);
		String revealed = body(post(base + "/reveal").with(station).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"电话确认上门时间\"}"), 200);
		assertThat(revealed).contains(DispatchFixtures.MOBILE, "张阿婆");
		assertThat(jdbc.sql("select reason from service_order_event where order_id = :id and kind = 'REVEALED'")
			.param("id", order).query(String.class).single()).isEqualTo("电话确认上门时间");
		// the dispatched team's leader may reveal too; another team's leader may not
		long team = fx.team(DispatchFixtures.COUNTY);
		String start = java.time.OffsetDateTime.now().plusDays(5).truncatedTo(ChronoUnit.HOURS).toString();
		String end = java.time.OffsetDateTime.now().plusDays(5).truncatedTo(ChronoUnit.HOURS).plusHours(2).toString();
		assertThat(body(post(base + "/dispatch").with(station).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"teamId\": " + team + ", \"needed\": 2, \"startsAt\": \"" + start + "\", \"endsAt\": \"" + end
					+ "\"}"), 200)).contains("DISPATCHED", "shiftId");
		var leader = fx.leader(team);
		var other = fx.leader(fx.team(DispatchFixtures.COUNTY));
		assertThat(body(post(base + "/reveal").with(users.person(leader.userId(), DispatchFixtures.COUNTY, Roles.TEAM_LEADER))
			.with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"上门前联系\"}"), 200))
			.contains(DispatchFixtures.MOBILE);
		body(post(base + "/reveal").with(users.person(other.userId(), DispatchFixtures.COUNTY, Roles.TEAM_LEADER))
			.with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"上门前联系\"}"), 404);
		assertThat(jdbc.sql("select count(*) from service_order_event where order_id = :id and kind = 'REVEALED'")
			.param("id", order).query(Long.class).single()).isEqualTo(2);
	}
}
