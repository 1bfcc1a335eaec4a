package org.wenming.servicedesk.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.region.Regions;
import org.wenming.servicedesk.dispatch.Dispatch;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * 我的点单: a signed-in resident sees their own orders with the steps and the reasons meant for them (in three
 * languages); another person's order number is 404; anonymous visitors are sent to sign in; the site's menu
 * links the service desk.
 */
@WenmingTest
class MyOrderPagesTest {

	static final String VILLAGE = OrderPagesTest.VILLAGE;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Dispatch dispatch;

	TestUsers users;

	String tag;

	long me;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		tag = UUID.randomUUID().toString().substring(0, 8);
		me = 800_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
	}

	String order(long userId, String what) throws Exception {
		mvc.perform(post("/api/v1/service/orders").with(users.person(userId, VILLAGE, Roles.CITIZEN)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"HEALTH\",\"what\":\"" + what + "\",\"regionCode\":\"" + VILLAGE
						+ "\",\"address\":\"杏花路9号\",\"contactName\":\"周伯\",\"contactMobile\":\"13500135000\"}"))
				.andExpect(status().isCreated());
		return jdbc.sql("select order_number from service_order where what = :w").param("w", what).query(String.class)
				.single();
	}

	@Test
	void aResidentSeesTheirOwnOrdersAndTheirStepsOnly() throws Exception {
		String mine = order(me, "量血压" + tag);
		String declined = order(me, "修屋顶" + tag);
		String theirs = order(me + 1, "别人的单" + tag);
		long declinedId = jdbc.sql("select id from service_order where order_number = :n").param("n", declined)
				.query(Long.class).single();
		dispatch.decline(declinedId, "屋顶维修需专业资质" + tag,
				users.staffPrincipal(VILLAGE.substring(0, 6), Roles.OFFICE_STAFF));

		mvc.perform(get("/me/orders").with(users.person(me, VILLAGE, Roles.CITIZEN))).andExpect(status().isOk())
				.andExpect(content().string(containsString(mine)))
				.andExpect(content().string(containsString("量血压" + tag)))
				.andExpect(content().string(containsString("未能受理")))
				.andExpect(content().string(not(containsString(theirs))));
		mvc.perform(get("/me/orders/" + declined).with(users.person(me, VILLAGE, Roles.CITIZEN)))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("屋顶维修需专业资质" + tag)))
				.andExpect(content().string(containsString("135****5000")))
				.andExpect(content().string(not(containsString("杏花路"))))
				.andExpect(content().string(not(containsString("13500135000"))));
		mvc.perform(get("/me/orders/" + declined).param("lang", "zh-TW").with(users.person(me, VILLAGE, Roles.CITIZEN)))
				.andExpect(status().isOk()).andExpect(content().string(containsString("辦理進度")));
		mvc.perform(get("/me/orders").param("lang", "en").with(users.person(me, VILLAGE, Roles.CITIZEN)))
				.andExpect(status().isOk()).andExpect(content().string(containsString("My orders")));
		// another's order, a made-up number, a malformed one: not found
		mvc.perform(get("/me/orders/" + theirs).with(users.person(me, VILLAGE, Roles.CITIZEN)))
				.andExpect(status().isNotFound());
		mvc.perform(get("/me/orders/SD-2026-999999999").with(users.person(me, VILLAGE, Roles.CITIZEN)))
				.andExpect(status().isNotFound());
		mvc.perform(get("/me/orders/x'or'1").with(users.person(me, VILLAGE, Roles.CITIZEN)))
				.andExpect(status().isNotFound());
		// someone with no orders
		mvc.perform(get("/me/orders").with(users.person(me + 2, VILLAGE, Roles.CITIZEN))).andExpect(status().isOk())
				.andExpect(content().string(containsString("还没有点过单")));
		mvc.perform(get("/me/orders")).andExpect(status().is3xxRedirection());
	}

	@Test
	void theSiteMenuLinksTheServiceDeskInEveryLanguage() throws Exception {
		mvc.perform(get("/")).andExpect(status().isOk())
				.andExpect(content().string(containsString("<a href=\"/service\">点单服务</a>")));
		mvc.perform(get("/").param("lang", "zh-TW")).andExpect(status().isOk())
				.andExpect(content().string(containsString("<a href=\"/service\">點單服務</a>")));
		mvc.perform(get("/").param("lang", "en")).andExpect(status().isOk())
				.andExpect(content().string(containsString("<a href=\"/service\">Services</a>")));
		mvc.perform(get("/service").with(users.person(me, VILLAGE, Roles.CITIZEN))).andExpect(status().isOk())
				.andExpect(content().string(containsString("href=\"/me/orders\"")));
	}
}
