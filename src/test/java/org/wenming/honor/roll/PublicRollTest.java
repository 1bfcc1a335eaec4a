package org.wenming.honor.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.wenming.honor.HonorFigures;
import org.wenming.honor.Honour;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * The public roll on {@code honor_public_entry}: filters and keyset paging, the entry page, the Atom feed
 * (parsed as XML), the staff export, and a withdrawn consent hiding the person everywhere at the next
 * request — the roll, the entry, the feed and the dashboard's count.
 */
@WenmingTest
class PublicRollTest {

	@Autowired
	PublicRoll roll;

	@Autowired
	HonorFigures figures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	@Autowired
	MockMvc mvc;

	RollFixtures fx;

	@BeforeEach
	void fixtures() {
		fx = new RollFixtures(jdbc, regions, seal);
	}

	private String page(String url) throws Exception {
		return mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void filtersAndKeysetPagingWalkTheWholeRollOnce() throws Exception {
		List<Long> ids = new ArrayList<>();
		for (int q = 1; q <= 4; q++) {
			for (int i = 0; i < 8; i++) {
				ids.add(fx.published(q % 2 == 0 ? RollFixtures.VILLAGE : fx.otherTown(), "1961Q" + q, "翻页" + q + i));
			}
		}
		// every page after the cursor of the last, newest period first, no entry twice
		List<PublicRoll.Item> seen = new ArrayList<>();
		PublicRoll.Filter filter = roll.filter("CITY_GOOD", null, "HELPING", null);
		PublicRoll.Cursor cursor = null;
		do {
			PublicRoll.Page page = roll.page(new PublicRoll.Filter(filter.honour(), null, filter.category(), null), cursor, 5);
			page.items().stream().filter(it -> it.period().startsWith("1961")).forEach(seen::add);
			cursor = page.next();
		}
		while (cursor != null && !cursor.period().startsWith("195"));
		assertThat(seen).extracting(PublicRoll.Item::id).containsExactlyInAnyOrderElementsOf(ids);
		for (int i = 1; i < seen.size(); i++) {
			PublicRoll.Item a = seen.get(i - 1);
			PublicRoll.Item b = seen.get(i);
			assertThat(a.period().compareTo(b.period()) > 0 || (a.period().equals(b.period()) && a.id() > b.id())).isTrue();
		}
		// a period, a county
		assertThat(roll.page(roll.filter(null, "1961Q2", null, null), null, 100).items()).hasSize(8);
		assertThat(roll.page(roll.filter(null, "1961Q2", null, RollFixtures.COUNTY), null, 100).items()).hasSize(8);
		assertThat(roll.page(roll.filter(null, "1961Q1", null, RollFixtures.COUNTY), null, 100).items()).isEmpty();
		assertThat(roll.page(roll.filter("NATION_GOOD", "1961Q2", null, null), null, 100).items()).isEmpty();
		// the page: the filters, the next page's link, bad input 400
		String html = page("/honor?period=1961Q3");
		assertThat(html).contains("翻页30").contains("data-honour=\"CITY_GOOD\"");
		String more = page("/honor?period=1961Q4&category=HELPING");
		Matcher next = Pattern.compile("href=\"/honor\\?after=([0-9Q-]+)&amp;period=1961Q4").matcher(more);
		assertThat(more).contains("翻页4");
		mvc.perform(get("/honor?honour=NOBLE")).andExpect(status().isBadRequest());
		mvc.perform(get("/honor?after=x")).andExpect(status().isBadRequest());
		mvc.perform(get("/honor?county=4412")).andExpect(status().isBadRequest());
		assertThat(next.find() || !more.contains("rel=\"next\"")).isTrue();
	}

	@Test
	void theFeedIsAtomWithTheNewestEntries() throws Exception {
		long entry = fx.published(RollFixtures.VILLAGE, "1962Q1", "订阅者<&>");
		byte[] body = mvc.perform(get("/honor/feed.atom")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
		Element root = feed.getDocumentElement();
		assertThat(root.getLocalName()).isEqualTo("feed");
		assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
		for (String required : List.of("id", "title", "updated", "author", "rights", "link")) {
			assertThat(root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", required).getLength())
				.as(required).isPositive();
		}
		NodeList entries = root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
		assertThat(entries.getLength()).isBetween(1, PublicRoll.FEED_SIZE);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < entries.getLength(); i++) {
			Element e = (Element) entries.item(i);
			ids.add(e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id").item(0).getTextContent());
			assertThat(e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "updated").getLength()).isEqualTo(1);
		}
		assertThat(ids).anyMatch(id -> id.endsWith("/honor/entries/" + entry));
		assertThat(new String(body, StandardCharsets.UTF_8)).contains("订阅者&lt;&amp;");
	}

	private static long shownCount(String html, Honour honour) {
		Matcher m = Pattern.compile("data-honour=\"" + honour.name() + "\">[^<]*<strong>([^<]+)</strong>").matcher(html);
		assertThat(m.find()).as("the count of %s on the page", honour).isTrue();
		return Long.parseLong(m.group(1).replaceAll("[^0-9]", ""));
	}

	@Test
	void aWithdrawnConsentHidesThePersonEverywhereAtTheNextRequest() throws Exception {
		long entry = fx.published(RollFixtures.VILLAGE, "1963Q2", "撤回同意者");
		long nomination = jdbc.sql("select nomination_id from honor_roll_entry where id = :id").param("id", entry)
			.query(Long.class).single();
		long before = figures.counts(regions.find(RollFixtures.CITY).orElseThrow().scope()).of(Honour.CITY_GOOD);
		assertThat(page("/honor/entries/" + entry)).contains("撤回同意者").contains("义务照料孤寡老人")
			.doesNotContain("<img class=\"portrait\"");
		assertThat(page("/honor?period=1963Q2")).contains("撤回同意者");
		assertThat(page("/honor/feed.atom")).contains("/honor/entries/" + entry);
		String dashboard = page("/dashboard");
		assertThat(shownCount(dashboard, Honour.CITY_GOOD)).isEqualTo(before);
		fx.withdraw(nomination);
		mvc.perform(get("/honor/entries/" + entry)).andExpect(status().isNotFound());
		assertThat(page("/honor?period=1963Q2")).doesNotContain("撤回同意者");
		assertThat(page("/honor/feed.atom")).doesNotContain("/honor/entries/" + entry + "<");
		assertThat(figures.counts(regions.find(RollFixtures.CITY).orElseThrow().scope()).of(Honour.CITY_GOOD))
			.isEqualTo(before - 1);
		assertThat(shownCount(page("/dashboard"), Honour.CITY_GOOD)).isEqualTo(before - 1);
		assertThat(figures.counts(DataScope.EVERYTHING).total()).isGreaterThanOrEqualTo(0);
	}

	@Test
	void theStaffExportReadsThePublicView() throws Exception {
		fx.published(RollFixtures.VILLAGE, "1964Q1", "=导出者");
		long hidden = fx.published(RollFixtures.VILLAGE, "1964Q1", "不公开者");
		fx.withdraw(jdbc.sql("select nomination_id from honor_roll_entry where id = :id").param("id", hidden)
			.query(Long.class).single());
		String csv = mvc.perform(get("/admin/honor/roll/export.csv").with(fx.users().staff(RollFixtures.CITY,
				Roles.OFFICE_STAFF))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).contains("'=导出者").doesNotContain("不公开者");
		// not for a county's office, nor for anyone signed out
		mvc.perform(get("/admin/honor/roll/export.csv").with(fx.users().staff(RollFixtures.COUNTY, Roles.OFFICE_STAFF)))
			.andExpect(status().isForbidden());
		assertThat(mvc.perform(get("/admin/honor/roll/export.csv")).andReturn().getResponse().getStatus())
			.isIn(302, 401);
	}

	@Test
	void theStaffPagesShowTheirLists() throws Exception {
		long n = fx.nomination(RollFixtures.VILLAGE, "SHORTLISTED", null, "2026Q4", "待公示者");
		fx.consent(n, "GIVEN");
		long r = fx.nomination(RollFixtures.VILLAGE, "REVIEW", null, "2026Q4", "待发布者");
		fx.consent(r, "GIVEN");
		assertThat(mvc.perform(get("/admin/honor/notices").with(fx.users().staff(RollFixtures.CITY, Roles.OFFICE_STAFF)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("待公示者");
		assertThat(mvc.perform(get("/admin/honor/roll").with(fx.users().staff(RollFixtures.CITY, Roles.OFFICE_STAFF)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("待发布者");
		mvc.perform(get("/admin/honor/roll").with(fx.users().staff(RollFixtures.TOWN, Roles.OFFICE_STAFF)))
			.andExpect(status().isForbidden());
	}
}
