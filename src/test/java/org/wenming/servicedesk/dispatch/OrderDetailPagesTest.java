package org.wenming.servicedesk.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.casework.photo.TestImages;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.servicedesk.order.OrderChannel;
import org.wenming.servicedesk.order.OrderDraft;
import org.wenming.servicedesk.order.OrderPhotos;
import org.wenming.servicedesk.order.Orders;
import org.wenming.servicedesk.order.PlacedOrder;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopeViolation;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * The per-order page for staff in scope: the whole history with actor, reason and time (internal notes marked as
 * such), the before-photos, the reveal form (a reason required; then the mobile and the address shown once, not
 * cached, a REVEALED event recorded); another county's staff and non-staff 404 with a security event; the queue
 * links each order's page.
 */
@WenmingTest
@RecordApplicationEvents
class OrderDetailPagesTest {

	static final String MOBILE = "13912348765";

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
	Orders orders;

	@Autowired
	OrderPhotos photos;

	@Autowired
	Dispatch dispatch;

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

	String body(MockHttpServletRequestBuilder request, int status) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo(status);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	long reveals(long order) {
		return jdbc.sql("select count(*) from service_order_event where order_id = :id and kind = 'REVEALED'")
			.param("id", order).query(Long.class).single();
	}

	@Test
	void staffInScopeSeeTheHistoryAndPhotosAndRevealWithAReason() throws Exception {
		String what = "帮忙换灯泡" + DispatchFixtures.tag();
		PlacedOrder placed = orders.place(new OrderDraft(null, "SMALL_REPAIR", what, DispatchFixtures.VILLAGE,
				"桃源路8号302", null, null, null, null, "黄婆婆", MOBILE, null), OrderChannel.WEB, null, Locale.ENGLISH, null,
				photos.check(List.of(TestImages.jpeg(300, 200))));
		long order = placed.id();
		var staff = users.staffPrincipal(DispatchFixtures.COUNTY, Roles.OFFICE_STAFF);
		dispatch.passUp(order, "站点没有电工，请所里安排", staff);
		String base = "/admin/service/orders/" + order;
		// passed up to the town's institute: the county office's scope covers it
		RequestPostProcessor county = users.staff(DispatchFixtures.COUNTY, Roles.OFFICE_STAFF);

		String page = body(get(base).with(county), 200);
		assertThat(page).contains(placed.orderNumber(), what, "139****8765", "接收点单", "上报上级阵地",
				"说明（仅内部）：站点没有电工，请所里安排", "经办：anonymous", "English", "网上点单")
			.doesNotContain(MOBILE).doesNotContain("桃源路");
		long photo = photos.list(order).get(0).id();
		assertThat(page).contains(base + "/photos/" + photo);
		MvcResult image = mvc.perform(get(base + "/photos/" + photo).with(county)).andReturn();
		assertThat(image.getResponse().getStatus()).isEqualTo(200);
		assertThat(image.getResponse().getContentType()).isEqualTo("image/jpeg");
		assertThat(image.getResponse().getHeader("Cache-Control")).contains("no-store");
		body(get(base + "/photos/" + (photo + 1_000_000)).with(county), 404);
		assertThat(body(get(base).with(county).param("lang", "en"), 200)).contains("Show the phone number and address",
				"Passed up", "Note (staff only)");
		assertThat(body(get(base).with(county).param("lang", "zh-TW"), 200)).contains("辦理記錄");

		// the reveal: a reason first, nothing shown or recorded without one
		String refused = body(post(base + "/reveal").with(county).with(csrf()).param("reason", " "), 400);
		assertThat(refused).contains("请填写原因").doesNotContain(MOBILE);
		assertThat(reveals(order)).isZero();
		MvcResult shown = mvc.perform(post(base + "/reveal").with(county).with(csrf()).param("reason", "上门前电话确认"))
			.andReturn();
		assertThat(shown.getResponse().getStatus()).isEqualTo(200);
		assertThat(shown.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(shown.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(MOBILE, "桃源路8号302");
		assertThat(jdbc.sql("select actor || ':' || reason from service_order_event where order_id = :id and kind = 'REVEALED'")
			.param("id", order).query(String.class).single()).endsWith(":上门前电话确认");
		// shown once: the page again shows it masked, the reveal in the history
		assertThat(body(get(base).with(county), 200)).contains("查看联系方式", "上门前电话确认").doesNotContain(MOBILE);
	}

	@Test
	void anotherCountyOrNonStaffGetNotFoundWithASecurityEvent() throws Exception {
		long order = fx.order();
		String base = "/admin/service/orders/" + order;
		body(get(base).with(dinghu), 404);
		assertThat(events.stream(ScopeViolation.class).filter(e -> e.id().equals(String.valueOf(order)))).isNotEmpty();
		body(post(base + "/reveal").with(dinghu).with(csrf()).param("reason", "想看看"), 404);
		body(get(base).with(users.person(fx.account(), DispatchFixtures.VILLAGE, Roles.VOLUNTEER)), 404);
		body(get("/admin/service/orders/999999999").with(station), 404);
		body(get("/admin/service/orders/abc").with(station), 404);
		assertThat(reveals(order)).isZero();
		// the queue links each order's page
		assertThat(body(get("/admin/service/queue").with(station), 200)).contains("href=\"" + base + "\"");
		assertThat(body(get(base).with(station), 200)).contains("帮忙修理电视机");
	}
}
