package org.wenming.servicedesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Ordering by JSON (a signed-in resident, staff on behalf, in and out of scope, bad input naming fields with
 * nothing stored) and the private link's page in three languages (a wrong token: 404).
 */
@WenmingTest
class OrderPagesTest {

	static final String VILLAGE = "441202001002";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	TestUsers users;

	String tag;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		tag = UUID.randomUUID().toString().substring(0, 8);
	}

	long orders() {
		return jdbc.sql("select count(*) from service_order").query(Long.class).single();
	}

	String body(String what, String channel) {
		return "{\"category\":\"WISH\",\"what\":\"" + what + "\",\"regionCode\":\"" + VILLAGE
				+ "\",\"address\":\"杏花路1号\",\"contactName\":\"陈阿姨\",\"contactMobile\":\"13800138000\""
				+ (channel == null ? "" : ",\"channel\":\"" + channel + "\"") + "}";
	}

	@Test
	void aResidentOrdersByJsonAndFollowsTheLinkInThreeLanguages() throws Exception {
		MvcResult result = mvc.perform(post("/api/v1/service/orders").with(users.staff(VILLAGE, Roles.CITIZEN))
				.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body("帮忙读报" + tag, null)))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.orderNumber").value(org.hamcrest.Matchers.startsWith("SD-")))
				.andReturn();
		String json = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		String path = json.replaceAll(".*\"followPath\":\"([^\"]+)\".*", "$1");
		mvc.perform(get(path)).andExpect(status().isOk())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
						.string("Cache-Control", "no-store"))
				.andExpect(content().string(containsString("帮忙读报" + tag)))
				.andExpect(content().string(containsString("已受理")))
				.andExpect(content().string(containsString("138****8000")))
				.andExpect(content().string(not(containsString("13800138000"))))
				.andExpect(content().string(not(containsString("杏花路"))));
		mvc.perform(get(path).param("lang", "zh-TW")).andExpect(status().isOk())
				.andExpect(content().string(containsString("辦理進度")));
		mvc.perform(get(path).param("lang", "en")).andExpect(status().isOk())
				.andExpect(content().string(containsString("Progress")))
				.andExpect(content().string(containsString("Small wishes")));
		mvc.perform(get("/service/follow/" + "A".repeat(32))).andExpect(status().isNotFound());
		mvc.perform(get("/service/follow/short")).andExpect(status().isNotFound());
	}

	@Test
	void staffOrderOnBehalfInScopeOnlyAndBadInputNamesFields() throws Exception {
		mvc.perform(post("/api/v1/service/orders").with(users.staff(VILLAGE, Roles.SITE_ADMIN)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body("电话点单" + tag, "PHONE")))
				.andExpect(status().isCreated());
		assertThat(jdbc.sql("select channel from service_order where what = :w").param("w", "电话点单" + tag)
				.query(String.class).single()).isEqualTo("PHONE");
		long before = orders();
		mvc.perform(post("/api/v1/service/orders").with(users.staff("441203", Roles.OFFICE_STAFF)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body("越权" + tag, "WALK_IN")))
				.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/service/orders").with(users.staff(VILLAGE, Roles.CITIZEN)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"WISH\",\"regionCode\":\"" + VILLAGE + "\",\"contactMobile\":\"123\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("what"))
				.andExpect(jsonPath("$.errors[1].field").value("contactName"))
				.andExpect(jsonPath("$.errors[2].field").value("contactMobile"));
		mvc.perform(post("/api/v1/service/orders").with(users.staff(VILLAGE, Roles.CITIZEN)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body("x", "FAX")))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("channel"));
		// anonymous ordering needs the one-time code of the web form
		mvc.perform(post("/api/v1/service/orders").with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content(body("匿名" + tag, null))).andExpect(status().is4xxClientError());
		assertThat(orders()).isEqualTo(before);
	}

	String lastCode() {
		String text = jdbc.sql("select text from notification_outbox where topic = 'servicedesk.code' order by id desc limit 1")
				.query(String.class).single();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{6})").matcher(text);
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	@Test
	void anAnonymousResidentOrdersByTheFormWithAOneTimeCode() throws Exception {
		mvc.perform(get("/service/order").param("region", VILLAGE)).andExpect(status().isOk())
				.andExpect(content().string(containsString("name=\"oneTimeCode\"")));
		mvc.perform(get("/service/order").param("lang", "en")).andExpect(status().isOk())
				.andExpect(content().string(containsString("Send me a code")));
		mvc.perform(get("/service/order").param("lang", "zh-TW")).andExpect(status().isOk())
				.andExpect(content().string(containsString("我要點單")));
		String mobile = "137" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
		mvc.perform(post("/service/order/code").with(csrf()).param("contactMobile", mobile).param("regionCode", VILLAGE))
				.andExpect(status().isOk()).andExpect(content().string(containsString("验证码已发送")));
		String code = lastCode();
		long before = orders();
		mvc.perform(post("/service/order").with(csrf()).param("category", "WISH").param("what", "表单心愿" + tag)
				.param("regionCode", VILLAGE).param("contactName", "王伯").param("contactMobile", mobile)
				.param("oneTimeCode", code.equals("000000") ? "111111" : "000000"))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("id=\"oneTimeCode-error\"")));
		mvc.perform(post("/service/order").with(csrf()).param("category", "WISH").param("what", "")
				.param("regionCode", VILLAGE).param("contactName", "王伯").param("contactMobile", mobile)
				.param("oneTimeCode", code))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("id=\"what-error\"")));
		assertThat(orders()).isEqualTo(before);
		mvc.perform(post("/service/order").with(csrf()).param("category", "WISH").param("what", "表单心愿" + tag)
				.param("regionCode", VILLAGE).param("contactName", "王伯").param("contactMobile", mobile)
				.param("oneTimeCode", code))
				.andExpect(status().is3xxRedirection())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
						.redirectedUrlPattern("/service/follow/*"));
		assertThat(orders()).isEqualTo(before + 1);
		assertThat(jdbc.sql("select channel || ':' || (account_user_id is null) from service_order where what = :w")
				.param("w", "表单心愿" + tag).query(String.class).single()).isEqualTo("WEB:true");
	}

	@Test
	void aSignedInResidentNeedsNoCode() throws Exception {
		mvc.perform(post("/service/order").with(users.person(1, VILLAGE, Roles.CITIZEN)).with(csrf())
				.param("category", "HEALTH").param("what", "登录点单" + tag).param("regionCode", VILLAGE)
				.param("contactName", "赵姨").param("contactMobile", "13600136000"))
				.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select account_user_id from service_order where what = :w").param("w", "登录点单" + tag)
				.query(Long.class).single()).isEqualTo(1L);
	}
}
