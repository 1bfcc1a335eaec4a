package org.wenming.servicedesk.taking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.wenming.casework.photo.TestImages;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.servicedesk.dispatch.Dispatch;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * Completion (only after the shift started, by the team's leader or staff in scope, a note and after-photos),
 * the rating by the private link (once, only when served; 1–2 stars open a follow-up the site's staff close
 * with a note) and UNRATED after the rating period, with a fixed instant. Each refusal stores nothing.
 */
@WenmingTest
class CompletionRatingTest {

	@Autowired
	Completion completion;

	@Autowired
	Ratings ratings;

	@Autowired
	UnratedOrders unrated;

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

	long team;

	ScopedUser leader;

	@BeforeEach
	void fixtures() {
		fx = new TakingFixtures(jdbc, regions, sites, seal, dispatch);
		staff = fx.staff();
		team = fx.team();
		leader = fx.leader(team);
	}

	private Map<String, Object> row(long order) {
		return jdbc.sql("select * from service_order where id = :id").param("id", order).query().singleRow();
	}

	private long outbox(long order, String template) {
		return jdbc.sql("""
				select count(*) from notification_outbox where topic = 'servicedesk.order' and template_code = :t
				    and parameters ->> 'order' = (select order_number from service_order where id = :id)""")
			.param("id", order).param("t", template).query(Long.class).single();
	}

	private TakingFixtures.Placed dispatched() {
		TakingFixtures.Placed placed = fx.order();
		fx.dispatch(placed.id(), team, 2, staff);
		return placed;
	}

	private String body(MockHttpServletRequestBuilder request, int status) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
		return body;
	}

	@Test
	void completionBeforeTheShiftStartedIsRefusedThenServedWithNoteAndPhoto() {
		long order = dispatched().id();
		assertThatThrownBy(() -> completion.complete(order, "已上门", List.of(), leader))
			.isInstanceOfSatisfying(ServiceRefusedException.class, ex -> {
				assertThat(ex.kind()).isEqualTo(ServiceRefusedException.Kind.CONFLICT);
				assertThat(ex.messageKey()).isEqualTo("servicedesk.service.error.notStarted");
			});
		fx.startShift(order);
		assertThatThrownBy(() -> completion.complete(order, " ", List.of(), leader))
			.isInstanceOfSatisfying(ServiceRefusedException.class,
					ex -> assertThat(ex.problems().get(0).field()).isEqualTo("note"));
		assertThatThrownBy(() -> completion.complete(order, "已上门", List.of("not an image".getBytes()), leader))
			.isInstanceOfSatisfying(ServiceRefusedException.class,
					ex -> assertThat(ex.problems().get(0).field()).isEqualTo("photos"));
		assertThatThrownBy(() -> completion.complete(order, "已上门", List.of(), fx.leader(fx.team())))
			.isInstanceOf(OutOfScopeException.class);
		assertThat(fx.status(order)).isEqualTo("DISPATCHED");
		assertThat(completion.afterPhotos(order)).isZero();
		assertThat(fx.events(order, "SERVED")).isZero();

		completion.complete(order, "已上门打扫，老人精神很好", List.of(TestImages.jpeg(640, 480)), leader);
		Map<String, Object> row = row(order);
		assertThat(row.get("status")).isEqualTo("SERVED");
		assertThat(row.get("served_at")).isNotNull();
		assertThat(completion.afterPhotos(order)).isEqualTo(1);
		assertThat(fx.events(order, "SERVED")).isEqualTo(1);
		assertThat(outbox(order, "SD_ORDER_SERVED")).isEqualTo(1);
		assertThatThrownBy(() -> completion.complete(order, "再报一次", List.of(), leader))
			.isInstanceOfSatisfying(ServiceRefusedException.class,
					ex -> assertThat(ex.kind()).isEqualTo(ServiceRefusedException.Kind.CONFLICT));
	}

	@Test
	void aRatingBeforeCompletionThenOnceThenTwiceByTheLink() throws Exception {
		TakingFixtures.Placed placed = dispatched();
		String rating = "/api/v1/service/follow/" + placed.token() + "/rating";
		String before = body(post(rating).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"stars\":5,\"comment\":\"很好\"}"), 409);
		assertThat(before).contains("完成后才能评价");
		fx.startShift(placed.id());
		completion.complete(placed.id(), "已完成", List.of(), leader);
		// bad input names the field; nothing stored
		assertThat(body(post(rating).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"stars\":6}"), 400))
			.contains("stars");
		assertThat(body(post(rating).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"stars\":4,\"comment\":\"" + "长".repeat(501) + "\"}"), 400)).contains("comment");
		assertThat(fx.status(placed.id())).isEqualTo("SERVED");
		// the follow page offers the rating, by a form, anonymously
		String page = body(get("/service/follow/" + placed.token()), 200);
		assertThat(page).contains("/service/follow/" + placed.token() + "/rating").contains("name=\"stars\"");
		body(post("/service/follow/" + placed.token() + "/rating").with(csrf()).param("stars", "5")
			.param("comment", "志愿者很耐心"), 302);
		Map<String, Object> row = row(placed.id());
		assertThat(row.get("status")).isEqualTo("RATED");
		assertThat(row.get("closed_at")).isNotNull();
		assertThat(jdbc.sql("select stars from service_rating where order_id = :id").param("id", placed.id())
			.query(Integer.class).single()).isEqualTo(5);
		assertThat(body(post(rating).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"stars\":1}"), 409))
			.contains("已经评价过");
		assertThat(jdbc.sql("select count(*) from service_followup where order_id = :id").param("id", placed.id())
			.query(Integer.class).single()).isZero();
		assertThat(body(get("/service/follow/" + placed.token()), 200)).doesNotContain("name=\"stars\"");
		body(post("/api/v1/service/follow/not-a-real-token-at-all/rating").with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"stars\":3}"), 404);
	}

	@Test
	void aPoorRatingOpensAFollowUpTheSitesStaffCloseWithANote() {
		TakingFixtures.Placed placed = dispatched();
		fx.startShift(placed.id());
		completion.complete(placed.id(), "已完成", List.of(), staff);
		ratings.rate(placed.token(), 2, "来晚了");
		assertThat(ratings.openFollowups(staff)).anySatisfy(f -> {
			assertThat(f.orderId()).isEqualTo(placed.id());
			assertThat(f.stars()).isEqualTo(2);
		});
		ScopedUser otherCounty = fx.users.staffPrincipal("441203", org.wenming.shared.Roles.SITE_ADMIN);
		assertThat(ratings.openFollowups(otherCounty)).noneMatch(f -> f.orderId() == placed.id());
		assertThatThrownBy(() -> ratings.closeFollowup(placed.id(), "已回访", otherCounty))
			.isInstanceOf(OutOfScopeException.class);
		assertThatThrownBy(() -> ratings.closeFollowup(placed.id(), "", staff))
			.isInstanceOf(ServiceRefusedException.class);
		ratings.closeFollowup(placed.id(), "已电话回访，老人表示理解", staff);
		assertThat(ratings.openFollowups(staff)).noneMatch(f -> f.orderId() == placed.id());
		assertThatThrownBy(() -> ratings.closeFollowup(placed.id(), "再关一次", staff))
			.isInstanceOfSatisfying(ServiceRefusedException.class,
					ex -> assertThat(ex.messageKey()).isEqualTo("servicedesk.service.error.noFollowup"));
	}

	@Test
	void sevenDaysAfterServingWithoutARatingTheOrderIsUnrated() {
		TakingFixtures.Placed placed = dispatched();
		fx.startShift(placed.id());
		completion.complete(placed.id(), "已完成", List.of(), leader);
		Instant served = ((java.sql.Timestamp) row(placed.id()).get("served_at")).toInstant();
		assertThat(unrated.closeUnrated(served.plus(Duration.ofDays(7)).minus(1, ChronoUnit.MINUTES))).isNotNegative();
		assertThat(fx.status(placed.id())).isEqualTo("SERVED");
		assertThat(unrated.closeUnrated(served.plus(Duration.ofDays(7)).plusSeconds(1))).isPositive();
		assertThat(fx.status(placed.id())).isEqualTo("UNRATED");
		assertThat(row(placed.id()).get("closed_at")).isNotNull();
		assertThat(fx.events(placed.id(), "UNRATED")).isEqualTo(1);
		assertThatThrownBy(() -> ratings.rate(placed.token(), 5, null)).isInstanceOfSatisfying(
				ServiceRefusedException.class,
				ex -> assertThat(ex.messageKey()).isEqualTo("servicedesk.service.error.ratingClosed"));
	}
}
