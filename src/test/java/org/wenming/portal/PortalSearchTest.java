package org.wenming.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.catalogue.Catalogue;
import org.wenming.catalogue.CatalogueDraft;
import org.wenming.newsroom.Articles;
import org.wenming.platform.search.PublicDocument;
import org.wenming.platform.search.PublicDocumentChanged;
import org.wenming.platform.search.PublicDocumentRemoved;
import org.wenming.platform.search.SearchKind;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.support.SearchWords;

/**
 * The search over everything public on the real database: Chinese found by its bigrams (Traditional too),
 * results grouped by kind, a result its owner no longer shows left out at once, the index kept by the owners'
 * events and refilled from them, and bad input refused naming the field.
 */
@WenmingTest
class PortalSearchTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SearchIndex index;

	@Autowired
	Search search;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Catalogue catalogue;

	@Autowired
	Regions regions;

	@Autowired
	Articles articles;

	/** A team of the test city, made by SQL as the team module would, with a name no other test uses. */
	private long team(String name, String description) {
		return jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, description, updated_by)
				select :name, 'CORPS', 'COMMUNITY', code, path, :description, 'test' from region where code = '441202'
				returning id""").param("name", name).param("description", description).query(Long.class).single();
	}

	private static String tag() {
		return SearchWords.unique();
	}

	@Test
	void chineseIsFoundByItsBigramsAndResultsAreGroupedByKind() {
		String tag = tag();
		long team = team("端州新时代文明实践中心志愿服务队" + tag, "每周走访独居老人");
		index.rebuild();

		Search.Results results = search.search("文明实践 " + tag, null, 0, 20);
		assertThat(results.groups()).extracting(Search.Group::kind).contains(SearchKind.TEAM);
		assertThat(hits(results, SearchKind.TEAM)).containsExactly(String.valueOf(team));
		// Traditional characters find the Simplified text; a word of the description finds it too
		assertThat(hits(search.search("文明實踐 " + tag, SearchKind.TEAM, 0, 20), SearchKind.TEAM)).containsExactly(String.valueOf(team));
		assertThat(hits(search.search("独居老人 " + tag, SearchKind.TEAM, 0, 20), SearchKind.TEAM)).containsExactly(String.valueOf(team));
		// what the text does not hold is not found: all of a query's bigrams must be there
		assertThat(hits(search.search("文明城市 " + tag, SearchKind.TEAM, 0, 20), SearchKind.TEAM)).isEmpty();
		// the city's practice sites are found as sites ("实践" is in every centre's, institute's and station's name)
		Search.Results sites = search.search("实践", null, 0, 20);
		assertThat(sites.groups()).extracting(Search.Group::kind).contains(SearchKind.SITE, SearchKind.TEAM);
		Search.Group siteGroup = sites.groups().stream().filter(g -> g.kind() == SearchKind.SITE).findFirst().orElseThrow();
		assertThat(siteGroup.hits()).hasSizeLessThanOrEqualTo(5);
		assertThat(siteGroup.matches()).isGreaterThan(siteGroup.hits().size());
	}

	@Test
	void aResultItsOwnerNoLongerShowsIsLeftOutAtOnce() {
		String tag = tag();
		long team = team("文明实践解散测试队" + tag, "");
		index.rebuild();
		assertThat(hits(search.search("解散测试 " + tag, null, 0, 20), SearchKind.TEAM)).containsExactly(String.valueOf(team));
		// dissolved: still in the index (no event told it), but its owner no longer shows it
		jdbc.sql("update team set status = 'DISSOLVED' where id = :id").param("id", team).update();
		assertThat(jdbc.sql("select count(*) from search_document where kind = 'TEAM' and ref = :ref")
			.param("ref", String.valueOf(team)).query(Long.class).single()).isEqualTo(1);
		assertThat(search.search("解散测试 " + tag, null, 0, 20).groups()).isEmpty();
		// the refill forgets it
		index.rebuild();
		assertThat(jdbc.sql("select count(*) from search_document where kind = 'TEAM' and ref = :ref")
			.param("ref", String.valueOf(team)).query(Long.class).single()).isZero();
	}

	@Test
	void theOwnersEventsKeepTheIndexWithWhatTheOwnerShowsNow() {
		String tag = tag();
		long team = team("事件测试队" + tag, "扶贫助困");
		// an event heard late carries an older text: the index re-reads the owner, and keeps what it shows now
		PublicDocument stale = new PublicDocument(SearchKind.TEAM, String.valueOf(team), "44.4412.441202.",
				"事件测试队" + tag, "", "/teams/" + team, "过时内容", null);
		transactions.executeWithoutResult(tx -> events.publishEvent(new PublicDocumentChanged(stale)));
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> !hits(search.search("扶贫助困 " + tag, null, 0, 20), SearchKind.TEAM).isEmpty());
		assertThat(hits(search.search("过时内容 " + tag, null, 0, 20), SearchKind.TEAM)).isEmpty();
		// dissolved, then a change heard after it: the row goes, it does not come back
		jdbc.sql("update team set status = 'DISSOLVED' where id = :id").param("id", team).update();
		transactions.executeWithoutResult(tx -> events.publishEvent(new PublicDocumentChanged(stale)));
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> jdbc.sql("select count(*) from search_document where kind = 'TEAM' and ref = :ref")
				.param("ref", String.valueOf(team)).query(Long.class).single() == 0);
		// active again, and a removal heard late: the row is back, as the owner shows it
		jdbc.sql("update team set status = 'ACTIVE' where id = :id").param("id", team).update();
		transactions.executeWithoutResult(tx -> events.publishEvent(new PublicDocumentRemoved(SearchKind.TEAM, String.valueOf(team))));
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> !hits(search.search("扶贫助困 " + tag, null, 0, 20), SearchKind.TEAM).isEmpty());
	}

	@Test
	void thePageAndTheJsonAnswerAndBadInputIsRefusedNamingTheField() throws Exception {
		String tag = tag();
		long team = team("文明实践页面测试队" + tag, "");
		index.rebuild();
		mvc.perform(get("/search").param("q", "页面测试 " + tag)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("href=\"/teams/" + team + "\"")));
		mvc.perform(get("/api/v1/search").param("q", "页面测试 " + tag)).andExpect(status().isOk())
			.andExpect(jsonPath("$.groups[0].kind").value("TEAM"))
			.andExpect(jsonPath("$.groups[0].hits[0].url").value("/teams/" + team));
		// nothing asked: the form, no results
		mvc.perform(get("/search")).andExpect(status().isOk());
		mvc.perform(get("/api/v1/search").param("q", "  ")).andExpect(status().isOk()).andExpect(jsonPath("$.groups").isEmpty());
		// too long, an unknown kind, a bad page: 400 naming the field
		mvc.perform(get("/api/v1/search").param("q", "文".repeat(61))).andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("\"q\"")));
		mvc.perform(get("/api/v1/search").param("q", "文明").param("kind", "SECRET")).andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("kind")));
		mvc.perform(get("/api/v1/search").param("q", "文明").param("page", "-1")).andExpect(status().isBadRequest());
		// markup in a query is text
		mvc.perform(get("/search").param("q", "<script>alert(1)</script>")).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script>alert(1)"))));
	}

	@Test
	void aResidentSearchingForTheIdCardFindsTheServiceAsSoonAsItIsEntered() {
		String tag = tag();
		ScopedUser staff = new TestUsers(regions).staffPrincipal("441202", Roles.OFFICE_STAFF);
		var item = catalogue.create(new CatalogueDraft("ID-" + tag, "居民身份证换领" + tag, "公安局",
				"COUNTY", "441202", "到区政务服务中心办理", "https://www.gdzwfw.gov.cn/", "户口簿\n近期照片", "20", "免费",
				List.of("CITY_WIDE"), List.of()), staff);
		// the catalogue's event reaches the index after the commit, without a refill
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> hits(search.search("身份证 " + tag, null, 0, 20), SearchKind.SERVICE)
				.contains(String.valueOf(item.id())));
		assertThat(search.search("身份证 " + tag, null, 0, 20).groups().get(0).hits().get(0).url())
			.isEqualTo("/services/ID-" + tag);
		// a material named in the item finds it too; deleted, it is gone from the next answer
		assertThat(hits(search.search("户口簿 " + tag, SearchKind.SERVICE, 0, 20), SearchKind.SERVICE)).containsExactly(String.valueOf(item.id()));
		catalogue.delete(item.id(), staff);
		assertThat(hits(search.search("身份证 " + tag, null, 0, 20), SearchKind.SERVICE)).isEmpty();
	}

	@Test
	void aPublishedArticleIsFoundAndAWithdrawnOneIsNot() {
		String tag = tag();
		TestUsers users = new TestUsers(regions);
		ScopedUser author = users.principal(9_100_001L, "441202", Roles.OFFICE_STAFF);
		ScopedUser reviewer = users.principal(9_100_002L, "4412", Roles.OFFICE_STAFF);
		long id = articles.create(new Articles.Draft("441202", "身份证跨城通办上线" + tag, null, "换领居民身份证不必回户籍地。",
				"<p>端州区政务服务中心开始办理跨城换领居民身份证。</p>", tag, "端州区文明办", "张记者", null, "陈编辑", null, null,
				null, null, null), author).article().id();
		articles.submit(id, author);
		articles.approve(id, reviewer);
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> hits(search.search("身份证 " + tag, null, 0, 20), SearchKind.NEWS).contains(String.valueOf(id)));
		// the body's words find it too
		assertThat(hits(search.search("政务服务中心 " + tag, SearchKind.NEWS, 0, 20), SearchKind.NEWS)).containsExactly(String.valueOf(id));
		articles.withdraw(id, "测试撤稿", reviewer);
		assertThat(hits(search.search("身份证 " + tag, null, 0, 20), SearchKind.NEWS)).isEmpty();
	}

	@Test
	void titleMatchesComeFirstThenTheNewestAndABigCountStopsAtItsCap() {
		String word = "zq" + tag();
		// 1,003 teams hold the word; two of them in their name
		List<Long> ids = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, description, updated_by)
				select case when i in (500, 501) then '排序测试队' || :word || ' ' || i else '排序测试队' || i end, 'CORPS', 'COMMUNITY',
				    code, path, '每周服务 ' || :word, 'test'
				from region, generate_series(1, 1003) i where code = '441202' order by i
				returning id""").param("word", word).query(Long.class).list();
		List<PublicDocument> documents = new java.util.ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			long id = ids.get(i);
			documents.add(new PublicDocument(SearchKind.TEAM, String.valueOf(id), "44.4412.441202.",
					i == 499 || i == 500 ? "排序测试队" + word + " " + (i + 1) : "排序测试队" + (i + 1), "", "/teams/" + id,
					"每周服务 " + word, java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * i)));
		}
		transactions.executeWithoutResult(status -> index.putAll(documents));
		String newestTitled = String.valueOf(ids.get(500));
		String olderTitled = String.valueOf(ids.get(499));

		Search.Group group = search.search(word, null, 0, 0).groups().stream().filter(g -> g.kind() == SearchKind.TEAM)
			.findFirst().orElseThrow();
		// the two with the word in their name first (newest first), then the newest of the rest
		assertThat(group.hits()).extracting(Search.Hit::ref).containsExactly(newestTitled, olderTitled,
				String.valueOf(ids.get(1002)), String.valueOf(ids.get(1001)), String.valueOf(ids.get(1000)));
		assertThat(group.matches()).isEqualTo(Search.COUNT_CAP);
		assertThat(group.atLeast()).isTrue();

		// the second page of the kind alone goes on where the first stopped
		List<String> second = hits(search.search(word, SearchKind.TEAM, 20, 20), SearchKind.TEAM);
		assertThat(second).hasSize(20).first().isEqualTo(String.valueOf(ids.get(1002 - 18)));
		assertThat(second).doesNotContain(newestTitled, olderTitled);

		// fewer matches are counted exactly
		Search.Group few = search.search(word + " 500", SearchKind.TEAM, 0, 20).groups().get(0);
		assertThat(few.hits()).extracting(Search.Hit::ref).containsExactly(olderTitled);
		assertThat(few.matches()).isEqualTo(1);
		assertThat(few.atLeast()).isFalse();
	}

	private static List<String> hits(Search.Results results, SearchKind kind) {
		return results.groups().stream().filter(g -> g.kind() == kind).flatMap(g -> g.hits().stream())
			.map(Search.Hit::ref).toList();
	}
}
