package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.account.AccountFixtures;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;

/** The elderly mode's switch: a link on every page, remembered by the device and by the account. */
@WenmingTest
class ElderlyModeTest {

	private static final String CARE_PAGE = "<html lang=\"zh-CN\" class=\"care\">";

	private static final String STANDARD_PAGE = "<html lang=\"zh-CN\">";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	AccountFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new AccountFixtures(jdbc, encoder);
	}

	@Test
	void theSwitchTurnsTheModeOnAndTheDeviceRemembersItForAYear() throws Exception {
		MvcResult on = mvc.perform(get("/activities").param("care", "on"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(CARE_PAGE)))
			.andExpect(content().string(containsString("标准模式")))
			.andReturn();
		String header = careCookieHeader(on.getResponse());
		assertThat(header).startsWith("wenming-care=on")
			.contains("Max-Age=31536000", "HttpOnly", "SameSite=Lax", "Path=/");

		mvc.perform(get("/").cookie(new Cookie(ElderlyMode.COOKIE, "on")))
			.andExpect(content().string(containsString(CARE_PAGE)));

		MvcResult off = mvc.perform(get("/").cookie(new Cookie(ElderlyMode.COOKIE, "on")).param("care", "off"))
			.andExpect(content().string(containsString(STANDARD_PAGE)))
			.andExpect(content().string(containsString("长辈模式")))
			.andReturn();
		assertThat(careCookieHeader(off.getResponse())).startsWith("wenming-care=off");
	}

	@Test
	void withoutTheCookieOrWithAnyOtherValueThePageIsStandard() throws Exception {
		mvc.perform(get("/")).andExpect(content().string(containsString(STANDARD_PAGE)));
		for (String value : List.of("maybe", "ON", "1", "<script>", "")) {
			MvcResult result = mvc.perform(get("/").param("care", value))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(STANDARD_PAGE)))
				.andReturn();
			assertThat(careCookieHeader(result.getResponse())).as(value).isNull();
			mvc.perform(get("/").cookie(new Cookie(ElderlyMode.COOKIE, value.isEmpty() ? "x" : "maybe")))
				.andExpect(content().string(containsString(STANDARD_PAGE)));
		}
		// a bad value leaves the device's choice as it was
		mvc.perform(get("/").cookie(new Cookie(ElderlyMode.COOKIE, "on")).param("care", "maybe"))
			.andExpect(content().string(containsString(CARE_PAGE)));
	}

	@Test
	void publicPagesWithTheSwitchStaySessionFree() throws Exception {
		for (String page : List.of("/", "/activities", "/sites", "/teams", "/dashboard", "/certificates",
				"/casework/rankings")) {
			MvcResult result = mvc.perform(get(page).param("care", "on")).andExpect(status().isOk()).andReturn();
			assertThat(result.getResponse().getHeaders("Set-Cookie")).as(page)
				.noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
			assertThat(result.getRequest().getSession(false)).as(page).isNull();
			assertThat(result.getResponse().getContentAsString()).as(page).contains(CARE_PAGE);
		}
	}

	@Test
	void theModeShortensTheMenuAndKeepsTheRestUnderMore() throws Exception {
		String standard = mvc.perform(get("/")).andReturn().getResponse().getContentAsString();
		String care = mvc.perform(get("/").cookie(new Cookie(ElderlyMode.COOKIE, "on")))
			.andReturn().getResponse().getContentAsString();
		String masthead = care.substring(care.indexOf("<header"), care.indexOf("</header>"));
		String beforeMore = masthead.substring(0, masthead.indexOf("<details>"));
		assertThat(beforeMore).contains("href=\"/activities\"", "href=\"/cases/report\"")
			.doesNotContain("href=\"/sites\"", "href=\"/teams\"");
		assertThat(masthead.substring(masthead.indexOf("<details>"))).contains("<summary>更多</summary>",
				"href=\"/sites\"", "href=\"/teams\"");
		assertThat(standard).doesNotContain("<details>").contains("href=\"/sites\"");
	}

	@Test
	void theSwitchKeepsTheRestOfTheAddress() throws Exception {
		mvc.perform(get("/activities?region=441202&care=on"))
			.andExpect(content().string(containsString("href=\"/activities?region=441202&amp;care=off\"")));
		mvc.perform(get("/activities?region=441202"))
			.andExpect(content().string(containsString("href=\"/activities?region=441202&amp;care=on\"")));
	}

	@Test
	void aSignedInPersonsChoiceIsKeptOnTheAccountAndAppliedOnANewDevice() throws Exception {
		String name = AccountFixtures.unique("care");
		long id = fixtures.user(name, "441202", Roles.VOLUNTEER);
		assertThat(storedChoice(id)).isNull();

		// a device that never chose gets nothing at sign-in
		MvcResult first = signIn(name);
		assertThat(careCookieHeader(first.getResponse())).isNull();
		// the session lives in the database (Spring Session): its cookie carries it to the next request
		Cookie session = first.getResponse().getCookie("WENMING_SESSION");

		mvc.perform(get("/").cookie(session).param("care", "on"))
			.andExpect(content().string(containsString(CARE_PAGE)));
		assertThat(storedChoice(id)).isTrue();

		// a new phone: no cookie, signs in, gets the mode
		MvcResult phone = signIn(name);
		assertThat(careCookieHeader(phone.getResponse())).startsWith("wenming-care=on").contains("HttpOnly");
		Cookie remembered = phone.getResponse().getCookie(ElderlyMode.COOKIE);
		mvc.perform(get("/").cookie(remembered)).andExpect(content().string(containsString(CARE_PAGE)));

		mvc.perform(get("/activities").cookie(phone.getResponse().getCookie("WENMING_SESSION")).param("care", "off"))
			.andExpect(content().string(not(containsString(CARE_PAGE))));
		assertThat(storedChoice(id)).isFalse();
		MvcResult later = signIn(name);
		assertThat(careCookieHeader(later.getResponse())).startsWith("wenming-care=off");
	}

	@Test
	void anAnonymousSwitchTouchesNoAccount() throws Exception {
		String name = AccountFixtures.unique("care-anon");
		long id = fixtures.user(name, "441202", Roles.VOLUNTEER);
		mvc.perform(get("/").param("care", "on")).andExpect(status().isOk());
		assertThat(storedChoice(id)).isNull();
		assertThat(careCookieHeader(signIn(name).getResponse())).isNull();
	}

	private MvcResult signIn(String username) throws Exception {
		return mvc.perform(post("/login").param("username", username).param("password", AccountFixtures.PASSWORD)
				.with(csrf()))
			.andExpect(redirectedUrl("/admin"))
			.andReturn();
	}

	private Boolean storedChoice(long userId) {
		return jdbc.sql("select elderly_mode from app_user where id = :id")
			.param("id", userId)
			.query((rs, n) -> (Boolean) rs.getObject(1))
			.list()
			.get(0);
	}

	private static String careCookieHeader(MockHttpServletResponse response) {
		return response.getHeaders("Set-Cookie").stream()
			.filter(header -> header.startsWith(ElderlyMode.COOKIE + "="))
			.findFirst()
			.orElse(null);
	}
}
