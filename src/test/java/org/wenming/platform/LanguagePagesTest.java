package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Pages in the three languages: each is tagged with its language, shows no raw message key, and
 * the language is chosen by {@code ?lang=}, the cookie or the browser's {@code Accept-Language}.
 */
@WenmingTest
class LanguagePagesTest {

	private static final List<String> PUBLIC_PAGES = List.of("/", "/sites", "/teams", "/activities", "/cases/report",
			"/dashboard", "/certificates", "/casework/rankings", "/login", "/volunteers/register");

	private static final List<String> STAFF_PAGES = List.of("/admin", "/admin/sites", "/admin/teams",
			"/admin/volunteers", "/admin/cases", "/admin/ledger", "/admin/insight", "/admin/casework/statistics",
			"/admin/users", "/admin/audit", "/admin/activities");

	private static final List<String> VOLUNTEER_PAGES = List.of("/me/volunteer", "/me/teams", "/me/activities",
			"/me/hours");

	private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z][\\w-]*(?:\\.[\\w-]+)+");

	private static final Set<String> KEYS = new TreeSet<>();

	@Autowired
	MockMvc mvc;

	@Autowired
	Regions regions;

	@BeforeAll
	static void allKeys() throws IOException {
		for (Resource bundle : new PathMatchingResourcePatternResolver().getResources("classpath:messages/*.properties")) {
			Properties properties = new Properties();
			try (InputStreamReader in = new InputStreamReader(bundle.getInputStream(), StandardCharsets.UTF_8)) {
				properties.load(in);
			}
			KEYS.addAll(properties.stringPropertyNames());
		}
	}

	@Test
	void everyPageInEveryLanguageIsTaggedAndShowsNoRawKey() throws Exception {
		TestUsers users = new TestUsers(regions);
		RequestPostProcessor staff = users.staff("4412", Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);
		RequestPostProcessor volunteer = users.volunteer(987_654_321L, "language-test", "441202");
		int rendered = 0;
		for (String language : List.of("zh-CN", "zh-TW", "en")) {
			for (String path : PUBLIC_PAGES) {
				check(get(path).param("lang", language), language);
				rendered++;
			}
			for (String path : STAFF_PAGES) {
				check(get(path).param("lang", language).with(staff), language);
				rendered++;
			}
			for (String path : VOLUNTEER_PAGES) {
				check(get(path).param("lang", language).with(volunteer), language);
				rendered++;
			}
		}
		assertThat(rendered).isEqualTo(3 * (PUBLIC_PAGES.size() + STAFF_PAGES.size() + VOLUNTEER_PAGES.size()));
	}

	private void check(MockHttpServletRequestBuilder request, String language) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		String uri = result.getRequest().getRequestURI() + " (" + language + ")";
		String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(result.getResponse().getStatus()).as(uri).isEqualTo(200);
		assertThat(html).as(uri).contains("<html lang=\"" + language + "\">");
		assertThat(rawKeys(html)).as("raw message keys on %s", uri).isEmpty();
	}

	/** Words of the visible text (and alt/title/aria-label) that are a bundle key. */
	static List<String> rawKeys(String html) {
		String text = html.replaceAll("(?s)<script\\b.*?</script>", " ").replaceAll("(?s)<style\\b.*?</style>", " ");
		StringBuilder visible = new StringBuilder();
		Matcher attributes = Pattern.compile("\\s(?:alt|title|placeholder|aria-label)=\"([^\"]*)\"").matcher(text);
		while (attributes.find()) {
			visible.append(' ').append(attributes.group(1));
		}
		text = text.replaceAll("(?s)<[^>]*>", " ") + visible;
		List<String> found = new ArrayList<>();
		Matcher m = KEY_LIKE.matcher(text);
		while (m.find()) {
			if (KEYS.contains(m.group())) {
				found.add(m.group());
			}
		}
		return found;
	}

	@Test
	void theRawKeyCheckCanFail() {
		assertThat(rawKeys("<p>nav.sites</p><img alt=\"home.title\" src=\"/img/nav.sites.png\">"))
				.containsExactly("nav.sites", "home.title");
	}

	@Test
	void traditionalChineseIsChosenByParameterAndRemembered() throws Exception {
		for (String asked : List.of("zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh_TW")) {
			MvcResult result = mvc.perform(get("/").param("lang", asked)).andReturn();
			assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).as(asked)
					.contains("<html lang=\"zh-TW\">").contains("志願服務隊伍");
			Cookie remembered = result.getResponse().getCookie("wenming-lang");
			assertThat(remembered).as(asked).isNotNull();
			assertThat(body(get("/").cookie(remembered))).contains("<html lang=\"zh-TW\">");
		}
		for (String asked : List.of("zh", "zh-CN", "zh-Hans", "zh-SG")) {
			assertThat(body(get("/").param("lang", asked))).as(asked).contains("<html lang=\"zh-CN\">");
		}
	}

	@Test
	void theBrowsersLanguageDecidesWithoutACookie() throws Exception {
		assertThat(body(get("/").header("Accept-Language", "zh-TW,zh;q=0.9,en;q=0.8"))).contains("<html lang=\"zh-TW\">");
		assertThat(body(get("/").header("Accept-Language", "zh-HK"))).contains("<html lang=\"zh-TW\">");
		assertThat(body(get("/").header("Accept-Language", "fr-FR,en;q=0.5"))).contains("<html lang=\"en\">");
		assertThat(body(get("/").header("Accept-Language", "zh-CN,zh;q=0.9"))).contains("<html lang=\"zh-CN\">");
		assertThat(body(get("/").header("Accept-Language", "fr-FR,de;q=0.5"))).contains("<html lang=\"zh-CN\">");
		assertThat(body(get("/"))).contains("<html lang=\"zh-CN\">");
		// the cookie wins over the browser
		assertThat(body(get("/").header("Accept-Language", "zh-TW").cookie(new Cookie("wenming-lang", "en"))))
				.contains("<html lang=\"en\">");
	}

	@Test
	void anUnknownLanguageKeepsTheCurrentOne() throws Exception {
		assertThat(body(get("/").param("lang", "xx").cookie(new Cookie("wenming-lang", "zh-TW"))))
				.contains("<html lang=\"zh-TW\">");
		assertThat(body(get("/").param("lang", "xx").cookie(new Cookie("wenming-lang", "en"))))
				.contains("<html lang=\"en\">");
		// a cookie we never set counts as none
		assertThat(body(get("/").cookie(new Cookie("wenming-lang", "fr")))).contains("<html lang=\"zh-CN\">");
	}

	@Test
	void theSwitchOffersTheTwoOtherLanguagesInTheirOwnNames() throws Exception {
		String traditional = body(get("/").param("lang", "zh-TW"));
		assertThat(traditional).contains("<a href=\"/?lang=zh-CN\" lang=\"zh-CN\" hreflang=\"zh-CN\">简体中文</a>")
				.contains("<a href=\"/?lang=en\" lang=\"en\" hreflang=\"en\">English</a>").doesNotContain("hreflang=\"zh-TW\"");
		String english = body(get("/").param("lang", "en"));
		assertThat(english).contains("hreflang=\"zh-CN\">简体中文</a>").contains("hreflang=\"zh-TW\">繁體中文</a>")
				.doesNotContain("hreflang=\"en\"");
	}

	@Test
	void open311ErrorsAnswerInTheAskedLanguage() throws Exception {
		assertThat(body(get("/open311/v2/requests/nope.json").param("lang", "zh-TW"), 404)).contains("沒有");
		assertThat(body(get("/open311/v2/requests/nope.json").param("lang", "en"), 404)).doesNotContain("没有");
	}

	@Test
	void apiProblemsAnswerInTheBrowsersLanguage() throws Exception {
		RequestPostProcessor staff = new TestUsers(regions).staff("4412", Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);
		String traditional = body(get("/api/v1/admin/audit").param("from", "yesterday").with(staff)
				.header("Accept-Language", "zh-TW"), 400);
		String simplified = body(get("/api/v1/admin/audit").param("from", "yesterday").with(staff), 400);
		assertThat(traditional).contains("日期格式應為").doesNotContain("日期格式应为");
		assertThat(simplified).contains("日期格式应为");
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		return body(request, 200);
	}

	private String body(MockHttpServletRequestBuilder request, int status) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
		return body;
	}
}
