package org.wenming.servicedesk.taking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.activity.checkin.ShiftCodes;
import org.wenming.casework.photo.TestImages;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.servicedesk.ServiceDeskFigures;
import org.wenming.servicedesk.dispatch.Dispatch;
import org.wenming.servicedesk.dispatch.Escalation;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * 群众点单、中心派单、志愿者接单、群众评单 — the whole loop by HTTP on the real database: a resident of a village
 * of 鼎湖区 orders a home visit, the station accepts and dispatches to a team needing 2, the team's leader hands
 * it back with a reason, the accept clock runs out (a fixed instant) and the order is escalated to the town's
 * institute, which dispatches it again; two members take (a third is refused), check in and out with the
 * shift's rotating code, the leader confirms attendance and reports completion with an after-photo, the
 * resident rates 5 by the private link (a second rating: 409) — and the hours are in both members' ledgers,
 * and the follow page shows every step.
 */
@WenmingTest
class ServiceDeskLoopTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	PracticeSites sites;

	@Autowired
	ContactSeal seal;

	@Autowired
	Dispatch dispatch;

	@Autowired
	Escalation escalation;

	@Autowired
	MessageSource messages;

	@Autowired
	ServiceDeskFigures figures;

	@Autowired
	ApplicationContext context;

	private String body(org.springframework.test.web.servlet.RequestBuilder request, int status) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(result.getResponse().getStatus()).as(request.toString() + " → " + body).isEqualTo(status);
		return body;
	}

	private String json(MockHttpServletRequestBuilder request, RequestPostProcessor as, String json, int status)
			throws Exception {
		MockHttpServletRequestBuilder r = request.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json);
		return body(as == null ? r : r.with(as), status);
	}

	private String status(long order) {
		return jdbc.sql("select status from service_order where id = :id").param("id", order).query(String.class)
			.single();
	}

	private long shiftOf(long order) {
		return jdbc.sql("select shift_id from service_order where id = :id").param("id", order).query(Long.class)
			.single();
	}

	private String text(String key) {
		return messages.getMessage(key, null, Locale.SIMPLIFIED_CHINESE);
	}

	@Test
	void aResidentOfDinghuOrdersAndTheLoopEndsWithHoursInBothLedgers() throws Exception {
		TakingFixtures fx = new TakingFixtures(jdbc, regions, sites, seal, dispatch);
		TestUsers users = new TestUsers(regions);
		// a village of 鼎湖区 with its station and its town's institute
		String village = jdbc.sql("""
				select r.code from region r
				where r.code like '441203%' and r.level = 5
				    and exists (select 1 from practice_site s where s.region_code = r.code and s.kind = 'STATION')
				    and exists (select 1 from practice_site s where s.region_code = r.parent_code and s.kind = 'INSTITUTE')
				order by r.code limit 1""").query(String.class).single();
		String town = regions.find(village).orElseThrow().parentCode();
		String tag = UUID.randomUUID().toString().substring(0, 6);

		// 点单: a signed-in resident orders a home visit by JSON
		long residentId = fx.account("陈阿婆");
		RequestPostProcessor resident = users.person(residentId, village, Roles.CITIZEN);
		String placed = json(post("/api/v1/service/orders"), resident, """
				{"category":"HOME_VISIT","what":"上门陪伴聊天%s","regionCode":"%s","address":"鼎湖区莲花路9号",
				 "contactName":"陈阿婆","contactMobile":"13711112222"}""".formatted(tag, village), 201);
		String followPath = placed.replaceAll(".*\"followPath\":\"([^\"]+)\".*", "$1");
		String token = followPath.substring("/service/follow/".length());
		long order = jdbc.sql("select id from service_order where what = :what").param("what", "上门陪伴聊天" + tag)
			.query(Long.class).single();
		assertThat(status(order)).isEqualTo("RECEIVED");
		long station = jdbc.sql("select site_id from service_order where id = :id").param("id", order)
			.query(Long.class).single();
		assertThat(sites.find(station).orElseThrow().regionCode()).isEqualTo(village);

		// 受理 and 派单 by the station: a team of 鼎湖区 needing 2
		RequestPostProcessor stationStaff = users.person(fx.account("站长"), village, Roles.SITE_ADMIN);
		json(post("/api/v1/service/orders/" + order + "/accept"), stationStaff, "{}", 200);
		long team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', '441203', :path, 'test') returning id""")
			.param("name", "鼎湖上门服务队" + tag).param("path", regions.find("441203").orElseThrow().path())
			.query(Long.class).single();
		long leaderId = fx.account("队长");
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
			.param("team", team).param("user", leaderId).update();
		RequestPostProcessor leader = users.person(leaderId, "441203", Roles.TEAM_LEADER);
		List<ScopedUser> members = List.of(fx.member(team, "周一" + tag), fx.member(team, "吴二" + tag),
				fx.member(team, "郑三" + tag));
		OffsetDateTime start = OffsetDateTime.now().plusDays(2).truncatedTo(ChronoUnit.HOURS);
		json(post("/api/v1/service/orders/" + order + "/dispatch"), stationStaff, """
				{"teamId":%d,"needed":2,"startsAt":"%s","endsAt":"%s"}""".formatted(team, start, start.plusHours(2)), 200);
		assertThat(status(order)).isEqualTo("DISPATCHED");

		// 退单: the leader hands it back from the team's page, with a reason the resident sees
		assertThat(body(get("/admin/service/team-orders").with(leader), 200)).contains("上门陪伴聊天" + tag);
		body(post("/admin/service/team-orders/" + order + "/hand-back").with(leader).with(csrf())
			.param("reason", "本周队员都在外地培训"), 302);
		assertThat(status(order)).isEqualTo("HANDED_BACK");

		// 督办: the accept clock runs out (a fixed instant past it): the order goes up to the town's institute
		Instant due = jdbc.sql("select accept_due from service_order where id = :id").param("id", order)
			.query(OffsetDateTime.class).single().toInstant();
		assertThat(escalation.escalateOverdue(due.plus(Duration.ofMinutes(1)))).isPositive();
		long institute = jdbc.sql("select site_id from service_order where id = :id").param("id", order)
			.query(Long.class).single();
		assertThat(sites.find(institute).orElseThrow().regionCode()).isEqualTo(town);
		// the station no longer holds it; the institute dispatches it again
		json(post("/api/v1/service/orders/" + order + "/dispatch"), stationStaff, """
				{"teamId":%d,"needed":2,"startsAt":"%s","endsAt":"%s"}""".formatted(team, start, start.plusHours(2)), 404);
		RequestPostProcessor instituteStaff = users.person(fx.account("所长"), town, Roles.SITE_ADMIN);
		json(post("/api/v1/service/orders/" + order + "/dispatch"), instituteStaff, """
				{"teamId":%d,"needed":2,"startsAt":"%s","endsAt":"%s"}""".formatted(team, start, start.plusHours(2)), 200);
		long shift = shiftOf(order);

		// 接单: two members take by the desk's endpoint; the third finds no place left
		for (int i = 0; i < 2; i++) {
			ScopedUser m = members.get(i);
			String takeable = body(get("/api/v1/service/takeable").with(users.person(m.userId(), "441202", Roles.VOLUNTEER)), 200);
			assertThat(takeable).contains("\"orderId\":" + order).doesNotContain("13711112222").doesNotContain("莲花路");
			json(post("/api/v1/service/orders/" + order + "/take"), users.person(m.userId(), "441202", Roles.VOLUNTEER),
					"{}", 200);
		}
		assertThat(json(post("/api/v1/service/orders/" + order + "/take"),
				users.person(members.get(2).userId(), "441202", Roles.VOLUNTEER), "{}", 409))
			.contains(text("activity.error.noPlacesLeft"));

		// the shift takes place (moved into the past, as the test cannot wait for the clock); the leader's phone
		// shows the rotating code; each member checks in and out with the code of the moment
		Duration back = Duration.between(OffsetDateTime.now().minusHours(4), start);
		jdbc.sql("update shift set starts_at = starts_at - make_interval(secs => :s), ends_at = ends_at - make_interval(secs => :s) where id = :id")
			.param("s", back.getSeconds()).param("id", shift).update();
		jdbc.sql("""
				update activity set starts_at = (select min(starts_at) from shift where activity_id = activity.id),
				    ends_at = (select max(ends_at) from shift where activity_id = activity.id)
				where id = (select activity_id from shift where id = :id)""").param("id", shift).update();
		Instant shiftStart = start.toInstant().minus(back);
		body(get("/checkin/shifts/" + shift + "/code").with(leader), 200);
		Instant arrived = shiftStart.minus(Duration.ofMinutes(5));
		Instant left = shiftStart.plus(Duration.ofMinutes(125));
		for (int i = 0; i < 2; i++) {
			RequestPostProcessor as = users.person(members.get(i).userId(), "441202", Roles.VOLUNTEER);
			body(post("/api/v1/checkins").with(as).with(csrf()).header("Idempotency-Key", "in-" + UUID.randomUUID())
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"token":"%s","action":"IN","occurredAt":"%s"}""".formatted(
						ShiftCodes.at(context, shift, arrived), arrived)), 200);
			body(post("/api/v1/checkins").with(as).with(csrf()).header("Idempotency-Key", "out-" + UUID.randomUUID())
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"token":"%s","action":"OUT","occurredAt":"%s"}""".formatted(
						ShiftCodes.at(context, shift, left), left)), 200);
		}
		// the organizer (the team's leader) confirms attendance
		body(post("/api/v1/checkin/shifts/" + shift + "/confirmation").with(leader).with(csrf()), 201);

		// 完成: the leader reports completion with an after-photo
		body(multipart("/api/v1/service/orders/" + order + "/complete")
			.file(new MockMultipartFile("photos", "after.jpg", "image/jpeg", TestImages.jpeg(800, 600)))
			.param("note", "陪老人聊了两个小时，打扫了客厅").with(leader).with(csrf()), 200);
		assertThat(status(order)).isEqualTo("SERVED");

		// 评单: the resident rates 5 by the private link (anonymous, the link is the key); a second: 409
		ServiceDeskFigures.Line before = dinghu();
		String page = body(get(followPath), 200);
		assertThat(page).contains("name=\"stars\"");
		body(post(followPath + "/rating").with(csrf()).param("stars", "5").param("comment", "两位志愿者很耐心"), 302);
		assertThat(status(order)).isEqualTo("RATED");
		// the county's satisfaction moves (the figures the dashboard and the cockpit show)
		ServiceDeskFigures.Line after = dinghu();
		assertThat(after.rated()).isEqualTo(before.rated() + 1);
		assertThat(after.meanStars()).isNotNull();
		if (before.meanStars() != null) {
			assertThat(after.meanStars()).isGreaterThanOrEqualTo(before.meanStars());
		}
		assertThat(json(post("/api/v1/service/follow/" + token + "/rating"), null, "{\"stars\":5}", 409))
			.contains(text("servicedesk.service.error.alreadyRated"));
		assertThat(body(post(followPath + "/rating").with(csrf()).param("stars", "4"), 409))
			.contains(text("servicedesk.service.error.alreadyRated"));

		// the hours are in both members' ledgers (credited after the confirmation commits)
		for (int i = 0; i < 2; i++) {
			long volunteer = fx.volunteerId(members.get(i));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (records(volunteer, shift) == 0 && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(records(volunteer, shift)).as("member %d's service record", i).isEqualTo(1);
			BigDecimal hours = jdbc.sql("select hours from service_record where volunteer_id = :v and shift_id = :s")
				.param("v", volunteer).param("s", shift).query(BigDecimal.class).single();
			assertThat(hours).isEqualByComparingTo("2.0");
			String mine = body(get("/api/v1/me/hours").with(users.person(members.get(i).userId(), "441202",
					Roles.VOLUNTEER)), 200);
			assertThat(mine).contains("\"hours\":2");
		}
		assertThat(records(fx.volunteerId(members.get(2)), shift)).isZero();

		// the follow page shows every step, the hand-back's reason and the rating's thanks
		String follow = body(get(followPath), 200);
		for (String kind : List.of("RECEIVED", "ACCEPTED", "DISPATCHED", "HANDED_BACK", "ESCALATED", "TAKEN", "SERVED",
				"RATED")) {
			assertThat(follow).as(kind).contains(text("servicedesk.order.event." + kind));
		}
		assertThat(follow).contains("本周队员都在外地培训").contains("陪老人聊了两个小时")
			.contains(text("servicedesk.service.rating.thanks")).doesNotContain("13711112222")
			.doesNotContain("莲花路");
	}

	/** 鼎湖区's line of this year's service desk figures. */
	private ServiceDeskFigures.Line dinghu() {
		int year = java.time.LocalDate.now(org.wenming.shared.CityTime.ZONE).getYear();
		return figures.year(regions.find("441203").orElseThrow(), year).region();
	}

	private long records(long volunteerId, long shiftId) {
		return jdbc.sql("select count(*) from service_record where volunteer_id = :v and shift_id = :s")
			.param("v", volunteerId).param("s", shiftId).query(Long.class).single();
	}
}
