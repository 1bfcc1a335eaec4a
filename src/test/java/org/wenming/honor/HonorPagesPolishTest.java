package org.wenming.honor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.honor.notice.NoticeFixtures;
import org.wenming.honor.roll.RollFixtures;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStores;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * The honours pages finished (session 14, part A): the public pages are linked from the site's navigation and
 * the staff pages from the workbench by role; a notice period's end reads to the minute in the city's time with
 * the zone; an entry's story keeps its lines as paragraphs of text; the objection's text message carries the
 * full URL; an award document can be removed by staff in scope (recorded, the object deleted); and a withdrawn
 * consent leaves the dashboard's counts, the roll, the entry and the feed at the very next request, whose
 * answers all revalidate.
 */
@WenmingTest
class HonorPagesPolishTest {

	static final byte[] PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
		.getBytes(StandardCharsets.US_ASCII);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	@Autowired
	ObjectStores stores;

	RollFixtures roll;

	NoticeFixtures notice;

	TestUsers users;

	@BeforeEach
	void setUp() {
		roll = new RollFixtures(jdbc, regions, seal);
		notice = new NoticeFixtures(jdbc);
		users = new TestUsers(regions);
	}

	private String page(String url, RequestPostProcessor... as) throws Exception {
		var request = get(url).param("lang", "zh-CN");
		for (RequestPostProcessor p : as) {
			request = request.with(p);
		}
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void thePublicPagesAreInTheNavigationAndTheStaffPagesOnTheWorkbenchByRole() throws Exception {
		String home = page("/");
		assertThat(home).contains("href=\"/honor\"").contains("href=\"/honor/notice\"")
			.contains("href=\"/honor/nominate\"").doesNotContain("/admin/honor");
		// the header of every page links the roll; the roll links the notice and the nomination form
		assertThat(page("/activities")).contains("href=\"/honor\"");
		assertThat(page("/honor")).contains("href=\"/honor/notice\"").contains("href=\"/honor/nominate\"");

		String office = page("/admin", users.staff(RollFixtures.CITY, Roles.OFFICE_STAFF));
		for (String link : new String[] { "/admin/honor/nominations", "/admin/honor/vetting", "/admin/honor/notices",
				"/admin/honor/comments", "/admin/honor/roll", "/admin/honor/care", "/admin/honor/brands" }) {
			assertThat(office).as(link).contains("href=\"" + link + "\"");
		}
		// a site administrator enters nominations but neither vets nor sees the care register
		String siteAdmin = page("/admin", users.staff(RollFixtures.COUNTY, Roles.SITE_ADMIN));
		assertThat(siteAdmin).contains("href=\"/admin/honor/nominations\"").doesNotContain("/admin/honor/vetting")
			.doesNotContain("/admin/honor/care");
		// a volunteer sees none of the staff pages
		String volunteer = page("/admin", users.volunteer(roll.account(), "hon-" + RollFixtures.tag(), RollFixtures.TOWN));
		assertThat(volunteer).doesNotContain("/admin/honor");
		// the moderation pages link each other
		assertThat(page("/admin/honor/comments", users.staff(RollFixtures.CITY, Roles.OFFICE_STAFF)))
			.contains("href=\"/admin/honor/objections\"").contains("href=\"/admin/honor/likes\"");
	}

	@Test
	void aNoticePeriodsEndReadsToTheMinuteInTheCitysTimeWithTheZone() throws Exception {
		Instant ends = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).plusSeconds(37);
		long period = notice.notice(Instant.now().minus(1, ChronoUnit.DAYS), ends);
		long nominee = notice.nominee(period, "441202", "整分者", "整分者的事迹", "事迹。");
		String local = DateTimeFormatter.ofPattern("HH:mm").format(ends.atZone(ZoneId.of("Asia/Shanghai")));
		String seconds = DateTimeFormatter.ofPattern("HH:mm:ss").format(ends.atZone(ZoneId.of("Asia/Shanghai")));
		String nomineePage = page("/honor/notice/" + nominee);
		assertThat(nomineePage).contains(local + "（中国标准时间）").doesNotContain(seconds);
		assertThat(page("/honor/notice")).contains(local + "（中国标准时间）").doesNotContain(seconds);
		String english = mvc.perform(get("/honor/notice/" + nominee).param("lang", "en")).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(english).contains("(China Standard Time)");
	}

	@Test
	void anEntrysStoryKeepsItsLinesAsParagraphsOfText() throws Exception {
		long entry = roll.published(RollFixtures.VILLAGE, "1965Q1", "分段者");
		jdbc.sql("""
				update honor_nomination set story = :story
				where id = (select nomination_id from honor_roll_entry where id = :id)""")
			.param("story", "第一行：救火。\r\n\r\n第二行 <b>粗体</b> <script>x()</script>\n").param("id", entry).update();
		String html = page("/honor/entries/" + entry);
		assertThat(html).contains("<p>第一行：救火。</p>")
			.contains("<p>第二行 &lt;b&gt;粗体&lt;/b&gt; &lt;script&gt;x()&lt;/script&gt;</p>")
			.doesNotContain("<b>粗体</b>").doesNotContain("<script>x()");
	}

	@Test
	void theObjectionsTextMessageCarriesTheFullUrl() throws Exception {
		long nominee = notice.openNominee("异议链接" + RollFixtures.tag().substring(0, 4));
		String mobile = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
		String address = "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256)
				+ ".7";
		mvc.perform(post("/honor/notice/" + nominee + "/objections").with(csrf()).with(r -> {
			r.setRemoteAddr(address);
			return r;
		}).param("body", "事迹与事实不符").param("name", "王先生").param("mobile", mobile).param("lang", "zh-CN"))
			.andReturn();
		long id = jdbc.sql("select id from honor_objection where nomination_id = :n").param("n", nominee)
			.query(Long.class).single();
		assertThat(id).isPositive();
		var sent = jdbc.sql("""
				select text, parameters->>'link' as link from notification_outbox
				where topic = 'honor.objection' order by id desc limit 1""")
			.query((rs, i) -> new String[] { rs.getString("text"), rs.getString("link") }).single();
		assertThat(sent[1]).matches("http://localhost(:\\d+)?/honor/objections/[A-Za-z0-9_-]{16,64}");
		assertThat(sent[0]).contains(sent[1]);
	}

	@Test
	void staffInScopeRemoveAnAwardDocumentRecordedAndGoneFromTheStore() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String path = regions.find("441202").orElseThrow().path();
		long team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', '441202', :path, 'test') returning id""")
			.param("name", "文件测试队" + tag).param("path", path).query(Long.class).single();
		RequestPostProcessor office = users.staff("441202", Roles.OFFICE_STAFF);
		mvc.perform(multipart("/admin/honor/awards/new")
			.file(new MockMultipartFile("document", "award.pdf", "application/pdf", PDF)).with(csrf()).with(office)
			.param("subject", "TEAM").param("teamId", String.valueOf(team)).param("title", "金奖" + tag)
			.param("issuer", "广东省志愿者联合会").param("level", "PROVINCE").param("year", "2023"));
		long award = jdbc.sql("select id from honor_award where title = :t").param("t", "金奖" + tag).query(Long.class)
			.single();
		String key = jdbc.sql("select document_key from honor_award where id = :id").param("id", award)
			.query(String.class).single();
		ObjectStore files = stores.area("honor", null);
		assertThat(files.get(key)).isPresent();
		assertThat(page("/admin/honor/awards", office)).contains("/admin/honor/awards/" + award + "/document/remove");

		// another county's office: 404, nothing removed; without the CSRF token: 403
		assertThat(mvc.perform(post("/admin/honor/awards/" + award + "/document/remove").with(csrf())
			.with(users.staff("441203", Roles.OFFICE_STAFF))).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/admin/honor/awards/" + award + "/document/remove").with(office)).andReturn()
			.getResponse().getStatus()).isEqualTo(403);
		assertThat(files.get(key)).isPresent();

		MvcResult removed = mvc.perform(post("/admin/honor/awards/" + award + "/document/remove").with(csrf())
			.with(office)).andReturn();
		assertThat(removed.getResponse().getStatus()).isEqualTo(302);
		assertThat(removed.getResponse().getRedirectedUrl()).isEqualTo("/admin/honor/awards?done=removed");
		assertThat(jdbc.sql("select document_key from honor_award where id = :id").param("id", award)
			.query(String.class).optional().orElse(null)).isNull();
		assertThat(files.get(key)).isEmpty();
		assertThat(mvc.perform(get("/admin/honor/awards/" + award + "/document").with(office)).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(page("/admin/honor/awards", office))
			.doesNotContain("/admin/honor/awards/" + award + "/document\"")
			.doesNotContain("/admin/honor/awards/" + award + "/document/remove");
		assertThat(jdbc.sql("""
				select string_agg(action || ':' || acted_by, ',' order by id) from honor_award_document_event
				where award_id = :id""").param("id", award).query(String.class).single())
			.matches("ATTACH:[^,]+,REMOVE:[^,]+");
		// once more: nothing left to remove
		assertThat(mvc.perform(post("/admin/honor/awards/" + award + "/document/remove").with(csrf()).with(office))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void aWithdrawalLeavesEveryPublicAnswerAtTheNextRequestAndEachRevalidates() throws Exception {
		long entry = roll.published(RollFixtures.VILLAGE, "1966Q3", "撤回缓存者");
		long nomination = jdbc.sql("select nomination_id from honor_roll_entry where id = :id").param("id", entry)
			.query(Long.class).single();
		// the anonymous dashboard, cached on this node: revalidated every time, with a validator
		MvcResult first = mvc.perform(get("/dashboard").param("lang", "zh-CN")).andReturn();
		String cacheControl = first.getResponse().getHeader(HttpHeaders.CACHE_CONTROL);
		assertThat(cacheControl).contains("no-cache").doesNotContain("public").doesNotContain("max-age=10");
		String etag = first.getResponse().getHeader(HttpHeaders.ETAG);
		assertThat(etag).startsWith("\"");
		long before = shownCount(first.getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(revalidates("/dashboard")).isTrue();
		// the roll, the entry and the feed
		for (String url : new String[] { "/honor?period=1966Q3", "/honor/entries/" + entry }) {
			MvcResult r = mvc.perform(get(url)).andReturn();
			assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("撤回缓存者");
			assertThat(r.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).as(url).contains("no-store")
				.doesNotContain("public");
		}
		MvcResult feed = mvc.perform(get("/honor/feed.atom")).andReturn();
		assertThat(feed.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("/honor/entries/" + entry + "<");
		assertThat(feed.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).contains("no-cache");
		String feedTag = feed.getResponse().getHeader(HttpHeaders.ETAG);
		assertThat(feedTag).startsWith("\"");
		assertThat(revalidates("/honor/feed.atom")).isTrue();
		// the notice pages are not kept either
		long nominee = notice.openNominee("不缓存" + RollFixtures.tag().substring(0, 4));
		for (String url : new String[] { "/honor/notice", "/honor/notice/" + nominee }) {
			assertThat(mvc.perform(get(url)).andReturn().getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).as(url)
				.contains("no-store");
		}

		roll.withdraw(nomination);

		// the very next requests, within the dashboard's 10 s: the same validator no longer matches
		MvcResult after = mvc.perform(get("/dashboard").param("lang", "zh-CN").header(HttpHeaders.IF_NONE_MATCH, etag))
			.andReturn();
		assertThat(after.getResponse().getStatus()).isEqualTo(200);
		assertThat(shownCount(after.getResponse().getContentAsString(StandardCharsets.UTF_8))).isEqualTo(before - 1);
		assertThat(after.getResponse().getHeader(HttpHeaders.ETAG)).isNotEqualTo(etag);
		assertThat(page("/honor?period=1966Q3")).doesNotContain("撤回缓存者");
		assertThat(mvc.perform(get("/honor/entries/" + entry)).andReturn().getResponse().getStatus()).isEqualTo(404);
		MvcResult feedAfter = mvc.perform(get("/honor/feed.atom").header(HttpHeaders.IF_NONE_MATCH, feedTag)).andReturn();
		assertThat(feedAfter.getResponse().getStatus()).isEqualTo(200);
		assertThat(feedAfter.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.doesNotContain("/honor/entries/" + entry + "<");
	}

	/**
	 * Whether an unchanged answer is a 304 to its own validator (a few tries: tests running beside this one may
	 * publish an entry between the two requests and change the answer, as they should).
	 */
	private boolean revalidates(String url) throws Exception {
		for (int i = 0; i < 5; i++) {
			String tag = mvc.perform(get(url).param("lang", "zh-CN")).andReturn().getResponse().getHeader(HttpHeaders.ETAG);
			if (mvc.perform(get(url).param("lang", "zh-CN").header(HttpHeaders.IF_NONE_MATCH, tag)).andReturn()
				.getResponse().getStatus() == 304) {
				return true;
			}
		}
		return false;
	}

	private static long shownCount(String html) {
		Matcher m = Pattern.compile("data-honour=\"CITY_GOOD\">[^<]*<strong>([^<]+)</strong>").matcher(html);
		assertThat(m.find()).as("the count of CITY_GOOD on the page").isTrue();
		return Long.parseLong(m.group(1).replaceAll("[^0-9]", ""));
	}
}
