package org.wenming.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.ActivityDraft;
import org.wenming.activity.ActivityType;
import org.wenming.activity.ShiftDraft;
import org.wenming.catalogue.CatalogueFigures;
import org.wenming.catalogue.ScopeTag;
import org.wenming.honor.HonorFigures;
import org.wenming.honor.Honour;
import org.wenming.insight.Dashboard;
import org.wenming.newsroom.Article;
import org.wenming.newsroom.Articles;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The home page and the site map on the real database: the latest published article under the news, an
 * activity of a county listed under "near me" for that county and not for another, a cancelled one nowhere,
 * the honours' and the catalogue's counts as their owners count them; {@code /sitemap.xml} parses, names its
 * pages, and lists a published article and an activity but neither a withdrawn article nor a draft; a bad
 * {@code near} shows the whole city, never a 5xx.
 */
@WenmingTest
class HomePageTest {

	static final AtomicLong IDS = new AtomicLong(7_900_000);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Articles articles;

	@Autowired
	Activities activities;

	@Autowired
	HonorFigures honours;

	@Autowired
	CatalogueFigures catalogue;

	@Autowired
	Dashboard dashboard;

	@Autowired
	SearchIndex index;

	TestUsers users;

	ScopedUser author;

	ScopedUser reviewer;

	String tag;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		author = users.principal(IDS.incrementAndGet(), "441202", Roles.OFFICE_STAFF);
		reviewer = users.principal(IDS.incrementAndGet(), "4412", Roles.OFFICE_STAFF);
		tag = UUID.randomUUID().toString().substring(0, 8);
	}

	private Articles.Draft draft(String title) {
		return new Articles.Draft("441202", title, null, "首页导语" + tag, "<p>正文。</p>", tag, "端州区文明办", null, null,
				null, null, null, null, null, null);
	}

	private Article published(String title) {
		Article a = articles.create(draft(title), author).article();
		articles.submit(a.id(), author);
		return articles.approve(a.id(), reviewer);
	}

	/** A team of the county with its leader (SQL, as the team module would make them). */
	private ScopedUser leaderOfATeamIn(String county) {
		long team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				select :name, 'CORPS', 'PRACTICE', code, path, 'test' from region where code = :county returning id""")
			.param("name", "首页测试队" + tag + county).param("county", county).query(Long.class).single();
		long user = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:username, '队长', '{noop}not-used', :county) returning id""")
			.param("username", "home-" + UUID.randomUUID().toString().substring(0, 12)).param("county", county)
			.query(Long.class).single();
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
			.param("team", team).param("user", user).update();
		teams.put(user, team);
		return users.principal(user, county, Roles.TEAM_LEADER);
	}

	private final java.util.Map<Long, Long> teams = new java.util.HashMap<>();

	private Activity activity(String title, String county, ScopedUser leader, OffsetDateTime start) {
		long team = teams.get(leader.userId());
		ActivityDraft draft = new ActivityDraft(title, "首页测试活动", ActivityType.SERVICE, null, null, null, null, team, null,
				null, "测试路1号", county, null, null, null, false,
				List.of(new ShiftDraft(start, start.plusHours(2), 5, null, List.of())));
		Activity a = activities.create(draft, leader);
		return activities.publish(a.id(), leader);
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as(request.toString()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void theHomePageShowsTheSectionsWithWhatIsPublicNow() throws Exception {
		Article news = published("首页新闻" + tag);
		Article draft = articles.create(draft("首页草稿" + tag), author).article();
		OffsetDateTime soon = OffsetDateTime.now().plusMinutes(30).withNano(0);
		ScopedUser dinghu = leaderOfATeamIn("441203");
		ScopedUser duanzhou = leaderOfATeamIn("441202");
		Activity listed = activity("鼎湖首页活动" + tag, "441203", dinghu, soon);
		Activity cancelled = activity("鼎湖取消活动" + tag, "441203", dinghu, soon.minusMinutes(5));
		activities.cancel(cancelled.id(), "天气原因", dinghu);
		Activity elsewhere = activity("端州首页活动" + tag, "441202", duanzhou, soon.minusMinutes(10));

		String page = body(get("/").param("near", "441203"));
		// the sections in order, each with its heading
		assertThat(page).containsSubsequence("action=\"/search\"", "id=\"home-actions\"", "href=\"/cases/report\"",
				"href=\"/service\"", "href=\"/volunteers/register\"", "href=\"/honor/nominate\"", "id=\"home-activities\"",
				"id=\"home-news\"", "id=\"home-honours\"", "id=\"home-figures\"");
		assertThat(page).contains("首页新闻" + tag, news.url(), "首页导语" + tag).doesNotContain("首页草稿" + tag)
			.doesNotContain(draft.url());
		assertThat(page).contains("鼎湖首页活动" + tag, "/activities/" + listed.id())
			.doesNotContain("鼎湖取消活动" + tag).doesNotContain("端州首页活动" + tag)
			.contains("<option value=\"441203\" selected>");
		// the other county shows its own, not 鼎湖's
		String duanzhouPage = body(get("/").param("near", "441202"));
		assertThat(duanzhouPage).doesNotContain("鼎湖首页活动" + tag).doesNotContain("鼎湖取消活动" + tag);
		assertThat(duanzhouPage).contains("/activities/" + elsewhere.id());

		// the counts as their owners count them, formatted for the reader
		Region city = dashboard.homeCity();
		HonorFigures.Counts counts = honours.counts(city.scope());
		CatalogueFigures.Counts services = catalogue.counts(city.scope());
		PageContextCounts format = new PageContextCounts();
		assertThat(page).contains("data-honour=\"CITY_GOOD\">身边好人 <strong>" + format.zh(counts.of(Honour.CITY_GOOD)))
			.contains("data-scope=\"CITY_WIDE\">同城通办 <strong>" + format.zh(services.of(ScopeTag.CITY_WIDE)))
			.contains(format.zh(dashboard.figures(city, dashboard.year(null, city), java.util.Locale.SIMPLIFIED_CHINESE)
				.headline().volunteers()));
		// English and the elderly mode: the same sections, fewer items
		assertThat(body(get("/").param("lang", "en"))).contains("Latest news", "Roll of honour");
		assertThat(body(get("/").param("care", "on"))).contains("class=\"care\"", "id=\"home-news\"");
	}

	@Test
	void aSignedInVolunteerIsOfferedTheirRecordNotTheRegistration() throws Exception {
		String page = body(get("/").with(users.volunteer(IDS.incrementAndGet(), "home-vol-" + tag, "441202")));
		String actions = page.substring(page.indexOf("id=\"home-actions\""), page.indexOf("id=\"home-activities\""));
		assertThat(actions).contains("href=\"/me/volunteer\"", "我的志愿记录").doesNotContain("/volunteers/register");
	}

	@Test
	void aBadCountyShowsTheWholeCityNeverAnError() throws Exception {
		String city = body(get("/"));
		assertThat(city).contains("<option value=\"\" selected>");
		for (String near : List.of("garbage", "440106", "<script>", "4412", "9".repeat(10_000), "441203' or 1=1 --")) {
			String page = body(get("/").param("near", near));
			assertThat(page).as(near.length() > 20 ? "10 KB" : near).contains("<option value=\"\" selected>")
				.doesNotContain("<script>alert");
		}
	}

	@Test
	void theSiteMapListsWhatIsPublicAndNothingElse() throws Exception {
		Article kept = published("地图新闻" + tag);
		Article withdrawn = published("地图撤稿" + tag);
		articles.withdraw(withdrawn.id(), "内容已过时", reviewer);
		Article draft = articles.create(draft("地图草稿" + tag), author).article();
		ScopedUser leader = leaderOfATeamIn("441203");
		Activity activity = activity("地图活动" + tag, "441203", leader, OffsetDateTime.now().plusDays(3).withNano(0));
		index.rebuild();

		MockHttpServletResponse indexResponse = mvc.perform(get("/sitemap.xml")).andReturn().getResponse();
		assertThat(indexResponse.getStatus()).isEqualTo(200);
		assertThat(indexResponse.getContentType()).startsWith("application/xml");
		Document sitemapIndex = parse(indexResponse.getContentAsString(StandardCharsets.UTF_8));
		assertThat(sitemapIndex.getDocumentElement().getLocalName()).isEqualTo("sitemapindex");
		List<String> pages = locs(sitemapIndex);
		assertThat(pages).isNotEmpty().allMatch(p -> p.matches("http://localhost/sitemap-\\d+\\.xml"));

		List<String> urls = new ArrayList<>();
		for (String p : pages) {
			Document page = parse(body(get(p.substring("http://localhost".length()))));
			assertThat(page.getDocumentElement().getLocalName()).isEqualTo("urlset");
			urls.addAll(locs(page));
		}
		assertThat(urls).contains("http://localhost/", "http://localhost/news", "http://localhost" + kept.url(),
				"http://localhost/activities/" + activity.id())
			.doesNotContain("http://localhost" + withdrawn.url(), "http://localhost" + draft.url());
		assertThat(urls).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(50_000 * pages.size());
		// past the last page: 404, not an empty page
		assertThat(mvc.perform(get("/sitemap-" + (pages.size() + 1) + ".xml")).andReturn().getResponse().getStatus())
			.isEqualTo(404);

		assertThat(body(get("/sitemap"))).contains("href=\"/news\"", "href=\"/honor\"", "href=\"/dashboard\"",
				"href=\"/sitemap.xml\"", "href=\"/services\"");
		assertThat(body(get("/robots.txt"))).contains("Sitemap: http://localhost/sitemap.xml");
	}

	private static Document parse(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
	}

	private static List<String> locs(Document document) {
		NodeList nodes = document.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
		List<String> out = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			out.add(nodes.item(i).getTextContent());
		}
		return out;
	}

	/** The page's count format in Simplified Chinese (5,400万), as PageContext writes it. */
	static final class PageContextCounts {

		String zh(long n) {
			if (n < 10_000) {
				return java.text.NumberFormat.getIntegerInstance(java.util.Locale.SIMPLIFIED_CHINESE).format(n);
			}
			java.text.NumberFormat decimal = java.text.NumberFormat.getNumberInstance(java.util.Locale.SIMPLIFIED_CHINESE);
			decimal.setMaximumFractionDigits(2);
			return decimal.format(java.math.BigDecimal.valueOf(n).divide(java.math.BigDecimal.valueOf(10_000L), 2,
					java.math.RoundingMode.HALF_UP)) + "万";
		}
	}
}
