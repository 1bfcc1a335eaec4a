package org.wenming.region;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.support.WenmingTest;

/** The public directory and site pages, and the public JSON API: anyone, no sign-in. */
@WenmingTest
class SiteDirectoryTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private long siteId(String regionCode, String kind) {
		return jdbc.sql("select id from practice_site where region_code = :code and kind = :kind")
				.param("code", regionCode).param("kind", kind).query(Long.class).single();
	}

	@Test
	void directoryStartsAtTheCityWithItsCountiesAndTheirCounts() throws Exception {
		mvc.perform(get("/sites"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("肇庆市新时代文明实践阵地")))
				.andExpect(content().string(containsString("端州区")))
				.andExpect(content().string(containsString("鼎湖区")))
				// the city's whole network (other tests may add a few points, never fewer)
				.andExpect(content().string(containsString("共1,6")))
				.andExpect(content().string(containsString("第1页")))
				.andExpect(content().string(containsString("href=\"/sites?region=441202\"")));
	}

	@Test
	void drillingDownShowsTheCountyTownsAndSites() throws Exception {
		long generatedInDuanzhou = jdbc.sql("select count(*) from region where path >= '44.4412.441202.' and path < '44.4412.441202/'")
				.query(Long.class).single();
		mvc.perform(get("/sites").param("region", "441202"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("端州区新时代文明实践中心")))
				.andExpect(content().string(containsString("城东街道")))
				.andExpect(content().string(not(containsString("坑口街道新时代文明实践所"))));
		mvc.perform(get("/api/v1/sites").param("region", "441202").param("kind", "CENTRE"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.total").value(1))
				.andExpect(jsonPath("$.items[0].name").value("端州区新时代文明实践中心"));
		mvc.perform(get("/api/v1/sites").param("region", "441202").param("size", "200"))
				.andExpect(jsonPath("$.items[*].regionCode", everyItem(startsWith("441202"))));
		org.assertj.core.api.Assertions.assertThat(generatedInDuanzhou).isGreaterThan(10);
	}

	@Test
	void filtersByKindAndName() throws Exception {
		mvc.perform(get("/sites").param("region", "441202").param("kind", "INSTITUTE").param("q", "城东"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("城东街道新时代文明实践所")))
				.andExpect(content().string(not(containsString("城西街道新时代文明实践所"))));
		mvc.perform(get("/api/v1/sites").param("q", "杏花社区"))
				.andExpect(jsonPath("$.items[*].name", everyItem(containsString("杏花社区"))))
				.andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
	}

	@Test
	void sitePageShowsTheSiteInChineseAndEnglish() throws Exception {
		long id = siteId("441202001", "INSTITUTE");
		mvc.perform(get("/sites/" + id))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("<h1>城东街道新时代文明实践所</h1>")))
				.andExpect(content().string(containsString("新时代文明实践所")))
				.andExpect(content().string(containsString("开放时间")))
				.andExpect(content().string(containsString("href=\"/sites?region=441202\"")));
		mvc.perform(get("/sites/" + id).param("lang", "en"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Opening hours")))
				.andExpect(content().string(containsString("Civilization practice institute")));
		mvc.perform(get("/sites").param("lang", "en"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Civilization practice sites in 肇庆市")))
				.andExpect(content().string(containsString("Areas below")));
	}

	@Test
	void unknownAndMalformedAnswerNotFoundOrBadRequest() throws Exception {
		mvc.perform(get("/sites/999999999")).andExpect(status().isNotFound());
		mvc.perform(get("/sites/x")).andExpect(status().isNotFound());
		mvc.perform(get("/sites/-1")).andExpect(status().isNotFound());
		mvc.perform(get("/sites/99999999999999999999999")).andExpect(status().isNotFound());
		mvc.perform(get("/sites").param("region", "999999")).andExpect(status().isNotFound());
		mvc.perform(get("/sites").param("region", "abc")).andExpect(status().isBadRequest());
		mvc.perform(get("/sites").param("region", "'; drop table practice_site; --")).andExpect(status().isBadRequest());
		mvc.perform(get("/sites").param("kind", "FOO")).andExpect(status().isBadRequest());
		mvc.perform(get("/sites").param("page", "abc")).andExpect(status().isBadRequest());
		mvc.perform(get("/sites").param("page", "-1")).andExpect(status().isBadRequest());
		mvc.perform(get("/sites").param("demonstration", "maybe")).andExpect(status().isBadRequest());
		mvc.perform(get("/sites").param("q", "<script>alert(1)</script>")).andExpect(status().isBadRequest());
		mvc.perform(get("/sites").param("q", "x".repeat(10 * 1024 * 1024))).andExpect(status().isBadRequest());
	}

	@Test
	void siteApiGivesPublicFieldsOnly() throws Exception {
		long id = siteId("441202", "CENTRE");
		jdbc.sql("update practice_site set contact_name = '张三', contact_phone = '0758-2281234' where id = :id")
				.param("id", id).update();
		mvc.perform(get("/api/v1/sites/" + id))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.name").value("端州区新时代文明实践中心"))
				.andExpect(jsonPath("$.kind").value("CENTRE"))
				.andExpect(jsonPath("$.contactPhone").value("0758-2281234"))
				.andExpect(jsonPath("$.region[*].code", org.hamcrest.Matchers.contains("44", "4412", "441202")))
				.andExpect(jsonPath("$.contactName").doesNotExist())
				.andExpect(jsonPath("$.version").doesNotExist())
				.andExpect(jsonPath("$.updatedBy").doesNotExist());
		mvc.perform(get("/api/v1/sites/999999999")).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/sites/x"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("id"));
	}

	@Test
	void siteApiListsPagesAndRefusesBadParameters() throws Exception {
		mvc.perform(get("/api/v1/sites").param("size", "200").param("page", "1"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items", hasSize(200)))
				.andExpect(jsonPath("$.page").value(1))
				.andExpect(jsonPath("$.size").value(200))
				.andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1672)));
		expectField(get("/api/v1/sites").param("size", "201"), "size");
		expectField(get("/api/v1/sites").param("size", "abc"), "size");
		expectField(get("/api/v1/sites").param("page", "-1"), "page");
		expectField(get("/api/v1/sites").param("kind", "FOO"), "kind");
		expectField(get("/api/v1/sites").param("region", "'; drop table practice_site; --"), "region");
		expectField(get("/api/v1/sites").param("q", "<script>alert(1)</script>"), "q");
		expectField(get("/api/v1/sites").param("demonstration", "abc"), "demonstration");
		mvc.perform(get("/api/v1/sites").param("region", "441299")).andExpect(status().isNotFound());
	}

	@Test
	void regionApiGivesRegionsBreadcrumbsChildrenAndSearch() throws Exception {
		mvc.perform(get("/api/v1/regions/441202001"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.name").value("端州区城东街道"))
				.andExpect(jsonPath("$.level").value("TOWN"))
				.andExpect(jsonPath("$.breadcrumb[*].code", org.hamcrest.Matchers.contains("44", "4412", "441202", "441202001")));
		mvc.perform(get("/api/v1/regions/4412/children"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$", hasSize(8)))
				.andExpect(jsonPath("$[0].code").value("441202"));
		mvc.perform(get("/api/v1/regions").param("q", "端州").param("limit", "5"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[0].code").value("441202"))
				.andExpect(jsonPath("$.length()").value(org.hamcrest.Matchers.lessThanOrEqualTo(5)));
		mvc.perform(get("/api/v1/regions/441299")).andExpect(status().isNotFound());
		expectField(get("/api/v1/regions/abc"), "code");
		expectField(get("/api/v1/regions").param("q", ""), "q");
		expectField(get("/api/v1/regions"), "q");
		expectField(get("/api/v1/regions").param("q", "端州").param("limit", "1000"), "limit");
		expectField(get("/api/v1/regions").param("q", "端州").param("limit", "x"), "limit");
	}

	private void expectField(org.springframework.test.web.servlet.RequestBuilder request, String field) throws Exception {
		mvc.perform(request)
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value(field));
	}
}
