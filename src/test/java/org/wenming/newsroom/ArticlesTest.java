package org.wenming.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.wenming.region.FieldProblem;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The newsroom against the real database: the four-eyes review (the author cannot approve their own article,
 * in Java nor in SQL; another can; two reviewers at once, one wins), a correction keeps the old version and
 * shows its note, a withdrawal takes the article off the page (410), the list and the feed; the feed parses
 * as XML with the expected entry; the page carries JSON-LD and Open Graph and its article body hashes to the
 * stored reference; bad input is refused naming the field with nothing stored.
 */
@WenmingTest
class ArticlesTest {

	static final AtomicLong IDS = new AtomicLong(7_700_000);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Articles articles;

	@Autowired
	LinkDomains domains;

	@Autowired
	NewsPhotos photos;

	TestUsers users;

	long authorId;

	ScopedUser author;

	ScopedUser reviewer;

	ScopedUser otherReviewer;

	String tag;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		authorId = IDS.incrementAndGet();
		author = users.principal(authorId, "441202", Roles.OFFICE_STAFF);
		reviewer = users.principal(IDS.incrementAndGet(), "4412", Roles.OFFICE_STAFF);
		otherReviewer = users.principal(IDS.incrementAndGet(), "441202", Roles.OFFICE_STAFF);
		tag = "t" + UUID.randomUUID().toString().substring(0, 8);
		domains.add("www.xjrb.com", "西江日报", users.principal(IDS.incrementAndGet(), "4412", Roles.SYSTEM_ADMIN));
	}

	Articles.Draft draft(String title, String body) {
		return new Articles.Draft("441202", title, "副标题", "三线整治后，老街焕然一新。", body, tag + "、三线整治", "端州区文明办",
				"张记者、李记者", "王通讯员", "陈编辑", null, null, null, null, null);
	}

	Article inReview(String title) {
		Articles.Saved saved = articles.create(draft(title, "<p>第一版正文。</p><script>alert(1)</script>"), author);
		assertThat(saved.removals()).containsExactly(new BodySanitizer.Removal(BodySanitizer.Kind.ELEMENT, "script"));
		return articles.submit(saved.article().id(), author);
	}

	@Test
	void theAuthorCannotApproveTheirOwnArticleAnotherCan() {
		Article a = inReview("三线整治" + tag);
		assertThatThrownBy(() -> articles.approve(a.id(), author)).isInstanceOfSatisfying(NewsRefusedException.class,
				ex -> assertThat(ex.problems()).containsExactly(new FieldProblem("reviewer", "newsroom.error.ownArticle")));
		assertThat(articles.find(a.id()).orElseThrow().status()).isEqualTo(ArticleStatus.IN_REVIEW);
		// the database holds the same rule behind the application's back
		assertThatThrownBy(() -> jdbc.sql("""
				update news_article set status = 'PUBLISHED', reviewed_by = created_by, published_at = now(), version = 1
				where id = :id""").param("id", a.id()).update()).isInstanceOf(DataIntegrityViolationException.class);

		Article published = articles.approve(a.id(), reviewer);
		assertThat(published.status()).isEqualTo(ArticleStatus.PUBLISHED);
		assertThat(published.reviewedBy()).isEqualTo(reviewer.username());
		List<Article.Version> versions = articles.versions(a.id());
		assertThat(versions).hasSize(1);
		assertThat(versions.get(0).bodyHtml()).isEqualTo("<p>第一版正文。</p>");
		assertThat(versions.get(0).bodySha256()).isEqualTo(BodySanitizer.sha256("<p>第一版正文。</p>"));
	}

	@Test
	void twoReviewersAtOnceOneWins() throws Exception {
		Article a = inReview("并发审核" + tag);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		for (ScopedUser r : List.of(reviewer, otherReviewer)) {
			results.add(pool.submit(() -> {
				start.await();
				try {
					articles.approve(a.id(), r);
					return true;
				}
				catch (NewsRefusedException ex) {
					return false;
				}
			}));
		}
		start.countDown();
		int won = 0;
		for (Future<Boolean> f : results) {
			won += f.get() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(won).isEqualTo(1);
		assertThat(articles.versions(a.id())).hasSize(1);
	}

	@Test
	void aCorrectionKeepsTheOldVersionAndShowsItsNote() throws Exception {
		Article a = articles.approve(inReview("更正测试" + tag).id(), reviewer);
		articles.correct(a.id(), "更正测试（更正）" + tag, "<p>第二版正文，人数更正为 120 人。</p>", "原稿人数有误，已更正。", otherReviewer);
		List<Article.Version> versions = articles.versions(a.id());
		assertThat(versions).extracting(Article.Version::version).containsExactly(1, 2);
		assertThat(versions.get(0).bodyHtml()).isEqualTo("<p>第一版正文。</p>");
		assertThat(versions.get(1).correctionNote()).isEqualTo("原稿人数有误，已更正。");

		String page = mvc.perform(get(a.url())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("原稿人数有误，已更正。").contains("第二版正文");
		String old = mvc.perform(get(a.url() + "/versions/1")).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(old).contains("第一版正文。");
		// a correction without a note is refused, nothing stored
		assertThatThrownBy(() -> articles.correct(a.id(), "x", "<p>y</p>", " ", otherReviewer))
			.isInstanceOfSatisfying(NewsRefusedException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::field).containsExactly("note"));
		assertThat(articles.versions(a.id())).hasSize(2);
	}

	@Test
	void thePageCarriesJsonLdOpenGraphTheShareQrAndTheHashedBody() throws Exception {
		Article a = articles.approve(inReview("页面测试" + tag).id(), reviewer);
		MvcResult result = mvc.perform(get(a.url())).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		org.jsoup.nodes.Document doc = Jsoup.parse(html);
		assertThat(doc.select("script[type=application/ld+json]").first().data()).contains("\"NewsArticle\"")
			.contains("页面测试" + tag);
		assertThat(doc.select("meta[property=og:title]").attr("content")).isEqualTo("页面测试" + tag);
		assertThat(doc.select(".share svg.qr")).hasSize(1);
		assertThat(doc.select(".share a[href^=https://service.weibo.com/]")).hasSize(1);
		assertThat(doc.text()).contains("张记者").contains("王通讯员").contains("陈编辑").contains("三线整治后，老街焕然一新。");
		String body = doc.selectFirst("div.article-body").html();
		assertThat(BodySanitizer.sha256(body)).isEqualTo(articles.versions(a.id()).get(0).bodySha256());
		// CSP: no inline script but the JSON-LD data block
		assertThat(result.getResponse().getHeader("Content-Security-Policy")).contains("script-src 'self'");
		assertThat(doc.select("script:not([src])")).allMatch(s -> s.attr("type").equals("application/ld+json"));
		assertThat(articles.find(a.id()).orElseThrow().viewCount()).isEqualTo(1);

		String list = mvc.perform(get("/news").param("tag", tag)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(list).contains("页面测试" + tag);
	}

	@Test
	void anEditorPublishesTheCableStoryWithPhotosAndBylines() throws Exception {
		Article draft = articles.create(draft("老街三线整治完工" + tag, "<p>二十六条街巷的线缆完成入地。</p>"), author).article();
		long photo = photos.add(draft.id(), jpeg(640, 480), "整治后的老街", "端州区文明办", author);
		photos.add(draft.id(), jpeg(480, 640), "志愿者协助核对线路", null, author);
		// before publication the public gets nothing of it, not even its photos
		assertThat(mvc.perform(get(draft.url())).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/news/photos/" + photo)).andReturn().getResponse().getStatus()).isEqualTo(404);
		articles.submit(draft.id(), author);
		Article published = articles.approve(draft.id(), reviewer);

		org.jsoup.nodes.Document page = Jsoup.parse(mvc.perform(get(published.url())).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		assertThat(page.select("figure.news-photo img")).hasSize(2);
		assertThat(page.select("figure.news-photo img").first().attr("alt")).isEqualTo("整治后的老街");
		assertThat(page.select("figure.news-photo figcaption").first().text()).contains("整治后的老街").contains("端州区文明办");
		assertThat(page.text()).contains("张记者").contains("李记者").contains("王通讯员").contains("陈编辑");
		// the photo served is the re-encoded image, as an image, never as anything else
		MvcResult image = mvc.perform(get("/news/photos/" + photo)).andReturn();
		assertThat(image.getResponse().getStatus()).isEqualTo(200);
		assertThat(image.getResponse().getContentType()).startsWith("image/");
		assertThat(image.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		java.awt.image.BufferedImage served = javax.imageio.ImageIO
			.read(new ByteArrayInputStream(image.getResponse().getContentAsByteArray()));
		assertThat(served.getWidth()).isEqualTo(640);
		assertThat(served.getHeight()).isEqualTo(480);
		// the JSON-LD names the first photo as the article's image
		assertThat(page.select("script[type=application/ld+json]").first().data()).contains("/news/photos/" + photo);
	}

	private static byte[] jpeg(int width, int height) throws java.io.IOException {
		java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(width, height,
				java.awt.image.BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D g = picture.createGraphics();
		g.setColor(java.awt.Color.ORANGE);
		g.fillRect(0, 0, width / 2, height);
		g.dispose();
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(picture, "jpg", out);
		return out.toByteArray();
	}

	@Test
	void aWithdrawnArticleIsGoneEverywhereAndTheFeedParses() throws Exception {
		Article a = articles.approve(inReview("撤稿测试" + tag).id(), reviewer);
		Articles.Saved reprint = articles.create(new Articles.Draft("441202", "转载测试" + tag, null, "转载导语", "<p>摘要。</p>",
				tag, null, null, null, null, "西江日报", "某记者", "原标题", "https://www.xjrb.com/a/1", "仅限署名转载链接"),
				author);
		articles.submit(reprint.article().id(), author);
		articles.approve(reprint.article().id(), reviewer);

		List<Element> entries = feedEntries();
		assertThat(entries).extracting(e -> text(e, "title")).contains("撤稿测试" + tag, "转载测试" + tag);
		Element r = entries.stream().filter(e -> text(e, "title").equals("转载测试" + tag)).findFirst().orElseThrow();
		assertThat(((Element) r.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "source").item(0))
			.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(0).getTextContent()).isEqualTo("西江日报");
		Element content = (Element) r.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content").item(0);
		assertThat(content.getAttribute("type")).isEqualTo("html");
		assertThat(content.getTextContent()).isEqualTo("<p>摘要。</p>");
		assertThat(text(r, "summary")).isEqualTo("转载导语");

		articles.withdraw(a.id(), "内容已过时", otherReviewer);
		assertThat(mvc.perform(get(a.url())).andReturn().getResponse().getStatus()).isEqualTo(410);
		assertThat(mvc.perform(get(a.url() + "/versions/1")).andReturn().getResponse().getStatus()).isEqualTo(410);
		assertThat(feedEntries()).extracting(e -> text(e, "title")).doesNotContain("撤稿测试" + tag);
		assertThat(mvc.perform(get("/news").param("tag", tag)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("撤稿测试" + tag).contains("转载测试" + tag);
		// a draft is not public at all
		Articles.Saved draft = articles.create(draft("草稿" + tag, "<p>草稿</p>"), author);
		assertThat(mvc.perform(get(draft.article().url())).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void badInputIsRefusedNamingTheFieldNothingStored() throws Exception {
		long before = jdbc.sql("select count(*) from news_article").query(Long.class).single();
		MvcResult result = mvc.perform(post("/admin/news/new").with(csrf())
			.with(users.person(authorId, "441202", Roles.OFFICE_STAFF)).param("regionCode", "441202").param("title", "")
			.param("body", "<p>x</p>").param("reprintSource", "西江日报").param("reprintUrl", "javascript:alert(1)"))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("id=\"title-error\"").contains("id=\"reprintUrl-error\"");
		assertThat(jdbc.sql("select count(*) from news_article").query(Long.class).single()).isEqualTo(before);
		// outside the scope: another county's region
		assertThatThrownBy(() -> articles.create(new Articles.Draft("441203", "x", null, null, "<p>x</p>", null, null,
				null, null, null, null, null, null, null, null), author))
			.isInstanceOfSatisfying(NewsRefusedException.class,
					ex -> assertThat(ex.problems()).extracting(FieldProblem::field).containsExactly("regionCode"));
		// the editor sees the removals before submitting
		MvcResult saved = mvc.perform(post("/admin/news/new").with(csrf())
			.with(users.person(authorId, "441202", Roles.OFFICE_STAFF)).param("regionCode", "441202")
			.param("title", "清理列表" + tag).param("body", "<p style=\"display:none\">x<a href=\"https://bet.example/\">赌</a></p>"))
			.andReturn();
		assertThat(saved.getResponse().getStatus()).isEqualTo(200);
		org.jsoup.nodes.Document doc = Jsoup.parse(saved.getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(doc.select(".removal-list li").eachAttr("data-kind")).containsExactlyInAnyOrder("HIDDEN", "LINK");
	}

	@Test
	void anotherCountysOfficeFindsNothingAndChangesNothing() throws Exception {
		Article a = inReview("范围测试" + tag);
		var dinghu = users.staff("441203", Roles.OFFICE_STAFF);
		assertThat(mvc.perform(get("/admin/news/" + a.id()).with(dinghu)).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		for (String action : List.of("approve", "return", "withdraw", "submit", "correct", "edit")) {
			assertThat(mvc.perform(post("/admin/news/" + a.id() + "/" + action).with(csrf()).with(dinghu)
				.param("reason", "x").param("title", "x").param("body", "<p>x</p>").param("note", "x")).andReturn()
				.getResponse().getStatus()).as(action).isEqualTo(404);
		}
		assertThat(articles.find(a.id()).orElseThrow().status()).isEqualTo(ArticleStatus.IN_REVIEW);
		assertThat(mvc.perform(get("/admin/news").with(dinghu)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("范围测试" + tag);
		assertThat(mvc.perform(get("/admin/news")).andReturn().getResponse().getStatus()).isIn(302, 401);
		// the allowlist: a county office may not change it
		assertThat(mvc.perform(post("/admin/news/domains").with(csrf()).with(dinghu).param("domain", "evil.example"))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(domains.names()).doesNotContain("evil.example");
		// the city office reviews it from its page
		MvcResult approved = mvc.perform(post("/admin/news/" + a.id() + "/approve").with(csrf())
			.with(users.staff("4412", Roles.OFFICE_STAFF))).andReturn();
		assertThat(approved.getResponse().getStatus()).isEqualTo(302);
		assertThat(articles.find(a.id()).orElseThrow().status()).isEqualTo(ArticleStatus.PUBLISHED);
	}

	List<Element> feedEntries() throws Exception {
		MvcResult feed = mvc.perform(get("/news/feed.atom")).andReturn();
		assertThat(feed.getResponse().getContentType()).startsWith("application/atom+xml");
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		org.w3c.dom.Document xml = factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(feed.getResponse().getContentAsByteArray()));
		assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("feed");
		assertThat(xml.getDocumentElement().getElementsByTagNameNS("http://www.w3.org/2005/Atom", "rights").getLength())
			.isPositive();
		NodeList nodes = xml.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
		List<Element> entries = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			entries.add((Element) nodes.item(i));
		}
		return entries;
	}

	static String text(Element parent, String name) {
		NodeList list = parent.getElementsByTagNameNS("http://www.w3.org/2005/Atom", name);
		for (int i = 0; i < list.getLength(); i++) {
			if (list.item(i).getParentNode() == parent) {
				return list.item(i).getTextContent();
			}
		}
		return "";
	}
}
