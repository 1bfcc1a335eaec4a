package org.wenming.servicedesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.platform.SecretTokens;
import org.wenming.support.WenmingTest;

import jakarta.servlet.http.Cookie;

/**
 * Ordering by JSON without an account: a code for a mobile (bad number 400 naming {@code mobile}, the per-mobile
 * limit 429 with Retry-After), an order carrying the code (no code or a wrong one: 400 naming {@code code},
 * nothing stored), no CSRF token needed without a session but asked with one, and the per-client limit on
 * anonymous orders counted in the database (429 with Retry-After, nothing stored, the code not used up).
 */
@WenmingTest
class AnonymousOrderApiTest {

	static final String VILLAGE = OrderPagesTest.VILLAGE;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String tag;

	String address;

	@BeforeEach
	void setUp() {
		tag = UUID.randomUUID().toString().substring(0, 8);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	RequestPostProcessor from(String ip) {
		return request -> {
			request.setRemoteAddr(ip);
			return request;
		};
	}

	static String mobile() {
		return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	long orders() {
		return jdbc.sql("select count(*) from service_order").query(Long.class).single();
	}

	MockHttpServletRequestBuilder askCode(String mobile) {
		return post("/api/v1/service/order-codes").with(from(address)).contentType(MediaType.APPLICATION_JSON)
				.content("{\"mobile\":\"" + mobile + "\"}");
	}

	String codeSentTo(String mobile) {
		String masked = mobile.substring(0, 3) + "****" + mobile.substring(7);
		return jdbc.sql("""
				select parameters->>'code' from notification_outbox
				where topic = 'servicedesk.code' and recipient_masked = :masked order by id desc limit 1""")
				.param("masked", masked).query(String.class).single();
	}

	MockHttpServletRequestBuilder order(String what, String mobile, String code) {
		return post("/api/v1/service/orders").with(from(address)).contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"WISH\",\"what\":\"" + what + "\",\"regionCode\":\"" + VILLAGE
						+ "\",\"contactName\":\"李伯\",\"contactMobile\":\"" + mobile + "\""
						+ (code == null ? "" : ",\"code\":\"" + code + "\"") + "}");
	}

	@Test
	void anAppWithoutASessionAsksForACodeAndOrdersWithIt() throws Exception {
		String mobile = mobile();
		mvc.perform(askCode("12345")).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("mobile"));
		mvc.perform(askCode(mobile)).andExpect(status().isAccepted()).andExpect(jsonPath("$.sent").value(true))
				.andExpect(jsonPath("$.validMinutes").value(5));
		String code = codeSentTo(mobile);
		long before = orders();
		mvc.perform(order("无验证码" + tag, mobile, null)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("code"));
		mvc.perform(order("错验证码" + tag, mobile, code.equals("000000") ? "111111" : "000000"))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("code"));
		mvc.perform(order("", mobile, code)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("what"));
		mvc.perform(post("/api/v1/service/orders").with(from(address)).contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"WISH\",\"what\":\"代点\",\"regionCode\":\"" + VILLAGE
						+ "\",\"contactName\":\"李伯\",\"contactMobile\":\"" + mobile + "\",\"channel\":\"PHONE\",\"code\":\""
						+ code + "\"}"))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("channel"));
		assertThat(orders()).isEqualTo(before);
		mvc.perform(order("应用点单" + tag, mobile, code).header("Accept-Language", "en"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.followPath").value(org.hamcrest.Matchers.startsWith("/service/follow/")));
		assertThat(orders()).isEqualTo(before + 1);
		assertThat(jdbc.sql("""
				select channel || ':' || (account_user_id is null) || ':' || lang || ':' || (client_hash = :client)
				from service_order where what = :w""").param("w", "应用点单" + tag)
				.param("client", SecretTokens.sha256("servicedesk-order-client:" + address)).query(String.class).single())
				.isEqualTo("API:true:en:true");
		// the code is used up
		mvc.perform(order("再用一次" + tag, mobile, code)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("code"));
	}

	@Test
	void aRequestWithASessionNeedsTheCsrfToken() throws Exception {
		String mobile = mobile();
		// a browser that opened the order form holds a session (its cookie): a forged request would ride on it
		Cookie session = mvc.perform(get("/service/order")).andExpect(status().isOk()).andReturn().getResponse()
				.getCookie("WENMING_SESSION");
		assertThat(session).isNotNull();
		mvc.perform(askCode(mobile).cookie(session)).andExpect(status().isForbidden());
		mvc.perform(askCode(mobile).cookie(session).with(csrf())).andExpect(status().isAccepted());
		String code = codeSentTo(mobile);
		long before = orders();
		mvc.perform(order("会话点单" + tag, mobile, code).cookie(session)).andExpect(status().isForbidden());
		assertThat(orders()).isEqualTo(before);
		mvc.perform(order("会话点单" + tag, mobile, code).cookie(session).with(csrf())).andExpect(status().isCreated());
	}

	@Test
	void codesForOneMobileAreLimited() throws Exception {
		String mobile = mobile();
		for (int i = 0; i < 5; i++) {
			mvc.perform(askCode(mobile)).andExpect(status().isAccepted());
		}
		mvc.perform(askCode(mobile)).andExpect(status().isTooManyRequests())
				.andExpect(header().string("Retry-After", "3600"));
	}

	@Test
	void anonymousOrdersAreLimitedPerClientInTheDatabase() throws Exception {
		for (int i = 0; i < 10; i++) {
			String mobile = mobile();
			mvc.perform(askCode(mobile)).andExpect(status().isAccepted());
			mvc.perform(order("限额" + i + tag, mobile, codeSentTo(mobile))).andExpect(status().isCreated());
		}
		String mobile = mobile();
		mvc.perform(askCode(mobile)).andExpect(status().isAccepted());
		String code = codeSentTo(mobile);
		long before = orders();
		String retryAfter = mvc.perform(order("超限" + tag, mobile, code)).andExpect(status().isTooManyRequests())
				.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("分钟")))
				.andReturn().getResponse().getHeader("Retry-After");
		assertThat(Long.parseLong(retryAfter)).isBetween(86_000L, 86_400L);
		assertThat(orders()).isEqualTo(before);
		// the code was not asked for, so it still works from another client
		address = "10.255.255." + ThreadLocalRandom.current().nextInt(1, 255);
		mvc.perform(order("别处" + tag, mobile, code)).andExpect(status().isCreated());
		// the form counts the same orders
		address = "10.254.0." + ThreadLocalRandom.current().nextInt(1, 255);
		jdbc.sql("""
				update service_order set client_hash = :client
				where id in (select id from service_order where what like :w order by id limit 10)""")
				.param("client", SecretTokens.sha256("servicedesk-order-client:" + address)).param("w", "限额%" + tag)
				.update();
		String another = mobile();
		mvc.perform(askCode(another)).andExpect(status().isAccepted());
		mvc.perform(post("/service/order").with(from(address)).with(csrf()).param("category", "WISH")
				.param("what", "表单超限" + tag).param("regionCode", VILLAGE).param("contactName", "王伯")
				.param("contactMobile", another).param("oneTimeCode", codeSentTo(another)))
				.andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
		assertThat(orders()).isEqualTo(before + 1);
	}
}
