package org.wenming.newsroom.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.wenming.newsroom.Article;
import org.wenming.newsroom.Articles;
import org.wenming.newsroom.LinkDomains;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;

/**
 * The integrity sweep against the real database and the real HTTP port: clean pages give nothing and leave the
 * view counts as they were; a body edited in the database behind the application's back is found by all four
 * identities with a diff, audited and told by text message, once (the next sweep does not alarm again); a spam
 * link injected into the response for Baiduspider only, and a redirect for Googlebot only, are found for that
 * identity alone; the staff page shows the findings to the city's staff only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "wenming.newsroom.integrity.alarm-mobiles=13800138017")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(IntegritySweepTest.Cloaking.class)
class IntegritySweepTest {

	static final AtomicLong IDS = new AtomicLong(7_800_000);

	static final String SPAM = "<div style=\"display:none\"><a href=\"https://spam.example/casino\">澳门博彩</a></div>";

	/** A test-only filter that does what a compromised proxy or plug-in would, for one article and one crawler. */
	@TestConfiguration
	static class Cloaking {

		static volatile String injectForBaidu;

		static volatile String redirectForGoogle;

		@Bean
		FilterRegistrationBean<Filter> cloakingFilter() {
			FilterRegistrationBean<Filter> bean = new FilterRegistrationBean<>(new Filter() {
				@Override
				public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
						throws IOException, ServletException {
					HttpServletRequest request = (HttpServletRequest) req;
					HttpServletResponse response = (HttpServletResponse) res;
					String agent = String.valueOf(request.getHeader("User-Agent"));
					String uri = request.getRequestURI();
					if (redirectForGoogle != null && uri.equals("/news/" + redirectForGoogle) && agent.contains("Googlebot")) {
						response.sendRedirect("https://casino.example/landing");
						return;
					}
					if (injectForBaidu != null && uri.equals("/news/" + injectForBaidu) && agent.contains("Baiduspider")) {
						ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
						chain.doFilter(request, wrapper);
						String html = new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8)
							.replace("<div class=\"article-body\">", "<div class=\"article-body\">" + SPAM);
						byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
						wrapper.resetBuffer();
						response.setContentLength(bytes.length);
						response.getOutputStream().write(bytes);
						return;
					}
					chain.doFilter(req, res);
				}
			});
			bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
			bean.addUrlPatterns("/news/*");
			return bean;
		}
	}

	@Autowired
	IntegritySweep sweep;

	@Autowired
	Articles articles;

	@Autowired
	LinkDomains domains;

	@Autowired
	Regions regions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	TestUsers users;

	ScopedUser author;

	ScopedUser reviewer;

	String tag;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		author = users.principal(IDS.incrementAndGet(), "441202", Roles.OFFICE_STAFF);
		reviewer = users.principal(IDS.incrementAndGet(), "4412", Roles.OFFICE_STAFF);
		tag = "i" + UUID.randomUUID().toString().substring(0, 8);
		domains.add("www.xjrb.com", "西江日报", users.principal(IDS.incrementAndGet(), "4412", Roles.SYSTEM_ADMIN));
	}

	@AfterEach
	void tearDown() {
		Cloaking.injectForBaidu = null;
		Cloaking.redirectForGoogle = null;
	}

	Article published(String title, String reprintUrl) {
		String body = "<h2>整治成效</h2><p>三线整治后，<strong>老街</strong>焕然一新。详见<a href=\"https://www.xjrb.com/a/1.html\">西江日报</a>。</p>"
				+ "<ul><li>拆除违章 12 处</li><li>新增绿地 3 处</li></ul><blockquote><p>居民说：“变化很大。”</p></blockquote>"
				+ "<table><tbody><tr><th scope=\"row\">投入</th><td>120 万元</td></tr></tbody></table>";
		Articles.Draft draft = new Articles.Draft("441202", title, "副标题", "核心提示" + tag, body, tag, "端州区文明办",
				"张记者", "王通讯员", "陈编辑", reprintUrl == null ? null : "西江日报", null, null, reprintUrl, null);
		Article a = articles.create(draft, author).article();
		articles.submit(a.id(), author);
		return articles.approve(a.id(), reviewer);
	}

	List<Map<String, Object>> findings(long sweepId, long articleId) {
		return jdbc.sql("""
				select identity, kind, cloaked, alarmed, detail from news_integrity_finding
				where sweep_id = :s and article_id = :a order by identity, kind""")
			.param("s", sweepId).param("a", articleId).query().listOfRows();
	}

	long views(long articleId) {
		return jdbc.sql("select view_count from news_article where id = :id").param("id", articleId).query(Long.class)
			.single();
	}

	int events(String number) {
		return jdbc.sql("select count(*) from security_event where type = 'CONTENT_TAMPERED' and detail like :n")
			.param("n", number + " %").query(Integer.class).single();
	}

	int notices(String number) {
		return jdbc.sql("select count(*) from notification_outbox where topic = 'newsroom.integrity' and text like :n")
			.param("n", "%" + number + "%").query(Integer.class).single();
	}

	@Test
	void cleanPagesRaiseNothingAndKeepTheirViewCounts() {
		Article plain = published("清洁页面" + tag, null);
		Article reprint = published("转载页面" + tag, "https://www.nfdaily.cn/content/2026-12/07/1.html");
		long before = views(plain.id());
		long id = sweep.sweep("test");
		Map<String, Object> row = jdbc.sql("select articles, fetches, finished_at from news_integrity_sweep where id = :id")
			.param("id", id).query().singleRow();
		assertThat(row.get("finished_at")).isNotNull();
		assertThat((Integer) row.get("fetches")).isEqualTo(4 * (Integer) row.get("articles"));
		assertThat((Integer) row.get("articles")).isGreaterThanOrEqualTo(2);
		assertThat(findings(id, plain.id())).isEmpty();
		assertThat(findings(id, reprint.id())).isEmpty();
		// the two reader-like fetches were counted by the page and taken back by the sweep; crawlers never count
		assertThat(views(plain.id())).isEqualTo(before);
		assertThat(views(reprint.id())).isEqualTo(0);
		assertThat(Articles.isCrawler(Identity.BAIDUSPIDER.userAgent)).isTrue();
		assertThat(Articles.isCrawler(Identity.GOOGLEBOT.userAgent)).isTrue();
		assertThat(Articles.isCrawler(Identity.BROWSER.userAgent)).isFalse();
		assertThat(Articles.isCrawler(Identity.SEARCH_VISITOR.userAgent)).isFalse();
	}

	@Test
	void aBodyEditedInTheDatabaseIsFoundByEveryIdentityAlarmedOnce() {
		Article a = published("被篡改" + tag, null);
		jdbc.sql("update news_article set body_html = body_html || :spam where id = :id").param("spam", SPAM)
			.param("id", a.id()).update();
		long first = sweep.sweep("test");
		List<Map<String, Object>> found = findings(first, a.id());
		assertThat(found).filteredOn(f -> f.get("kind").equals("BODY_CHANGED")).extracting(f -> f.get("identity"))
			.containsExactlyInAnyOrder("BROWSER", "BAIDUSPIDER", "GOOGLEBOT", "SEARCH_VISITOR");
		assertThat(found).filteredOn(f -> f.get("kind").equals("BODY_CHANGED"))
			.allSatisfy(f -> assertThat((String) f.get("detail")).contains("+<a href=\"https://spam.example/casino\">")
				.contains("澳门博彩").startsWith("--- published"));
		assertThat(found).extracting(f -> f.get("kind")).contains("HIDDEN_CONTENT", "OFF_LIST_LINK");
		assertThat(found).allSatisfy(f -> {
			assertThat(f.get("alarmed")).isEqualTo(true);
			assertThat(f.get("cloaked")).isEqualTo(false);
		});
		assertThat(events(a.number())).isEqualTo(found.size());
		assertThat(jdbc.sql("select distinct actor_region_path from security_event where type = 'CONTENT_TAMPERED' and detail like :n")
			.param("n", a.number() + " %").query(String.class).list()).containsExactly(a.regionPath());
		assertThat(notices(a.number())).isEqualTo(1);
		assertThat(jdbc.sql("select recipient_masked from notification_outbox where topic = 'newsroom.integrity' and text like :n")
			.param("n", "%" + a.number() + "%").query(String.class).single()).startsWith("138").endsWith("8017")
			.doesNotContain("00138");

		// the next sweep finds the same and alarms no one again
		long second = sweep.sweep("test");
		List<Map<String, Object>> again = findings(second, a.id());
		assertThat(again).hasSameSizeAs(found).allSatisfy(f -> assertThat(f.get("alarmed")).isEqualTo(false));
		assertThat(events(a.number())).isEqualTo(found.size());
		assertThat(notices(a.number())).isEqualTo(1);
	}

	@Test
	void aSpamLinkServedToBaiduspiderOnlyIsFoundForItAlone() {
		Article a = published("百度蜘蛛" + tag, null);
		Cloaking.injectForBaidu = a.number();
		long id = sweep.sweep("test");
		List<Map<String, Object>> found = findings(id, a.id());
		assertThat(found).extracting(f -> f.get("identity")).containsOnly("BAIDUSPIDER");
		assertThat(found).extracting(f -> f.get("kind")).contains("BODY_CHANGED", "HIDDEN_CONTENT", "OFF_LIST_LINK");
		assertThat(found).allSatisfy(f -> assertThat(f.get("cloaked")).isEqualTo(true));
		assertThat(found).filteredOn(f -> f.get("kind").equals("OFF_LIST_LINK"))
			.allSatisfy(f -> assertThat((String) f.get("detail")).contains("https://spam.example/casino"));
		assertThat(events(a.number())).isEqualTo(found.size());
	}

	@Test
	void aRedirectForGooglebotOnlyIsFound() {
		Article a = published("谷歌跳转" + tag, null);
		Cloaking.redirectForGoogle = a.number();
		long id = sweep.sweep("test");
		List<Map<String, Object>> found = findings(id, a.id());
		assertThat(found).hasSize(1);
		assertThat(found.get(0)).containsEntry("identity", "GOOGLEBOT").containsEntry("kind", "REDIRECT")
			.containsEntry("cloaked", true);
		assertThat((String) found.get(0).get("detail")).contains("https://casino.example/landing");
	}

	@Test
	void theStaffPageShowsFindingsToTheCitysStaffOnly() throws Exception {
		Article a = published("页面展示" + tag, null);
		jdbc.sql("update news_article set body_html = body_html || :spam where id = :id").param("spam", SPAM)
			.param("id", a.id()).update();
		sweep.sweep("test");
		var city = users.staff("4412", Roles.OFFICE_STAFF);
		var page = mvc.perform(get("/admin/news/integrity").with(city)).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		String html = page.getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains(a.number()).contains("spam.example").doesNotContain("<div style=\"display:none\">");
		// another county's office sees the page but not this district's findings, and may not start a sweep
		var county = users.staff("441203", Roles.OFFICE_STAFF);
		assertThat(mvc.perform(get("/admin/news/integrity").with(county)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).doesNotContain(a.number());
		assertThat(mvc.perform(post("/admin/news/integrity/sweep").with(csrf()).with(county)).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/admin/news/integrity")).andReturn().getResponse().getStatus()).isIn(302, 401);
		assertThat(mvc.perform(get("/admin/news/integrity").with(users.staff("441202", Roles.SITE_ADMIN))).andReturn()
			.getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(post("/admin/news/integrity/sweep").with(city)).andReturn().getResponse().getStatus())
			.isEqualTo(403);

		// sweep now: started in the background under the lock, the page says so; it finishes
		long before = jdbc.sql("select count(*) from news_integrity_sweep").query(Long.class).single();
		var started = mvc.perform(post("/admin/news/integrity/sweep").with(csrf()).with(city)).andReturn().getResponse();
		assertThat(started.getStatus()).isEqualTo(302);
		assertThat(started.getRedirectedUrl()).isEqualTo("/admin/news/integrity?done=started");
		long deadline = System.currentTimeMillis() + 60_000;
		while (System.currentTimeMillis() < deadline && (jdbc.sql("select count(*) from news_integrity_sweep")
			.query(Long.class).single() == before || sweep.running())) {
			Thread.sleep(200);
		}
		assertThat(sweep.running()).isFalse();
		assertThat(jdbc.sql("select started_by from news_integrity_sweep order by id desc limit 1").query(String.class)
			.single()).isEqualTo("test-4412");
	}
}
