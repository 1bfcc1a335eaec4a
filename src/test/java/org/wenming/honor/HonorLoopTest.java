package org.wenming.honor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.honor.nomination.HonorFixtures;
import org.wenming.honor.roll.NoticePeriods;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.TestVolunteers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 18's "done means", by HTTP on the real database: a neighbour nominates the delivery rider who carried
 * an old man out of a burning house; the town, the county and the city pass him; he consents by the link sent
 * to his mobile; the city puts him in a notice period, the public likes (one each a day) and comments (shown
 * once approved, as text), an objection is answered; the week ends, the city publishes him on its roll for the
 * quarter, the province picks him, his free health check is registered — and when he withdraws his consent he
 * is gone from the roll, his page and the feed at the next request, while the care register keeps him.
 */
@WenmingTest
class HonorLoopTest {

	static final String VILLAGE = "441202001002";

	static final String TOWN = "441202001";

	static final String COUNTY = "441202";

	static final String CITY = "4412";

	static final String BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36";

	static final AtomicLong RESIDENTS = new AtomicLong(8_800_000 + (System.nanoTime() % 100_000));

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ObjectMapper json;

	@Autowired
	NoticePeriods notices;

	@Test
	void theRiderFromNominationToTheProvincesRollAndHisHealthCheck() throws Exception {
		TestUsers users = new TestUsers(regions);
		String tag = UUID.randomUUID().toString().substring(0, 6);
		String title = "冲进火场背出八旬老人" + tag;
		String riderMobile = TestVolunteers.mobile();
		RequestPostProcessor city = users.staff(CITY, Roles.OFFICE_STAFF);

		// a neighbour nominates the rider
		JsonNode created = body(mvc.perform(resident(post("/api/v1/honor/nominations"), users)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"category": "BRAVERY", "kind": "PERSON", "nomineeName": "骑手%s", "nomineeIdNumber": "%s",
					 "nomineeMobile": "%s", "regionCode": "%s", "deedDate": "%s", "title": "%s",
					 "story": "邻居家起火，外卖骑手与两位邻居、一位退役军人冲进浓烟，把八十多岁的老人背了出来。",
					 "nominatorKind": "PUBLIC", "nominatorName": "邻居陈先生", "nominatorMobile": "%s"}"""
				.formatted(tag, HonorFixtures.adultId(), riderMobile, VILLAGE,
						LocalDate.now(CityTime.ZONE).minusDays(10), title, TestVolunteers.mobile())))
			.andExpect(status().isCreated()));
		long id = created.get("id").asLong();
		String follow = created.get("followPath").asString();
		assertThat(row(id, "status")).isEqualTo("SUBMITTED");
		assertThat(row(id, "vetting_level")).isEqualTo("TOWN");

		// the town, the county and the city pass him, each with a reason
		decide(id, users.staff(TOWN, Roles.OFFICE_STAFF), "事迹经走访属实");
		assertThat(row(id, "vetting_level")).isEqualTo("COUNTY");
		decide(id, users.staff(COUNTY, Roles.OFFICE_STAFF), "同意推荐");
		decide(id, city, "入围本季度身边好人");
		assertThat(row(id, "status")).isEqualTo("SHORTLISTED");
		assertThat(jdbc.sql("select string_agg(level || ':' || decision, ',' order by decided_at) from honor_vetting where nomination_id = :id")
			.param("id", id).query(String.class).single()).isEqualTo("TOWN:PASS,COUNTY:PASS,CITY:PASS");
		mvc.perform(get(follow)).andExpect(status().isOk()).andExpect(content().string(containsString(title)));

		// nothing public without his consent: a notice period refuses him
		LocalDateTime start = LocalDateTime.now(CityTime.ZONE).minusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
		String quarter = row(id, "quarter");
		mvc.perform(openNotice(city, quarter, start, id)).andExpect(status().is4xxClientError());
		assertThat(row(id, "status")).isEqualTo("SHORTLISTED");

		// he consents by the link sent to his mobile, seeing exactly what will be public
		mvc.perform(post("/api/v1/honor/nominations/" + id + "/consent-requests").with(city).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isCreated());
		String consent = consentLink(riderMobile);
		mvc.perform(get(consent)).andExpect(status().isOk()).andExpect(content().string(containsString(title)));
		mvc.perform(post(consent + "/give").with(csrf())).andExpect(status().is2xxSuccessful());
		assertThat(jdbc.sql("select status from honor_consent where nomination_id = :id").param("id", id)
			.query(String.class).single()).isEqualTo("GIVEN");

		// the city's notice period (公示)
		mvc.perform(openNotice(city, quarter, start, id)).andExpect(status().is3xxRedirection());
		assertThat(row(id, "status")).isEqualTo("IN_NOTICE");
		mvc.perform(get("/honor/notice")).andExpect(status().isOk()).andExpect(content().string(containsString(title)));

		// the public likes him: three people, one of them twice on the same day (counted once)
		RequestPostProcessor first = users.person(RESIDENTS.incrementAndGet(), COUNTY, Roles.VOLUNTEER);
		like(id, first).andExpect(jsonPath("$.counted").value(true));
		like(id, first).andExpect(jsonPath("$.counted").value(false)).andExpect(jsonPath("$.already").value(true));
		like(id, users.person(RESIDENTS.incrementAndGet(), COUNTY, Roles.VOLUNTEER)).andExpect(jsonPath("$.counted").value(true));
		like(id, users.person(RESIDENTS.incrementAndGet(), COUNTY, Roles.VOLUNTEER)).andExpect(jsonPath("$.likes").value(3));

		// a comment shows once the office approves it, and as text
		long comment = body(mvc.perform(post("/api/v1/honor/notice/" + id + "/comments").header("User-Agent", BROWSER)
			.with(users.person(RESIDENTS.incrementAndGet(), COUNTY, Roles.VOLUNTEER)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"<b>英雄</b>！为你点赞\",\"authorName\":\"街坊\"}"))
			.andExpect(status().is2xxSuccessful())).get("id").asLong();
		mvc.perform(get("/honor/notice/" + id)).andExpect(status().isOk()).andExpect(content().string(not(containsString("为你点赞"))));
		mvc.perform(post("/admin/honor/comments/" + comment + "/approve").with(city).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/honor/notice/" + id)).andExpect(status().isOk())
			.andExpect(content().string(containsString("&lt;b&gt;英雄&lt;/b&gt;！为你点赞")))
			.andExpect(content().string(not(containsString("<b>英雄"))));

		// an objection (异议) is recorded and answered, not upheld
		mvc.perform(post("/api/v1/honor/notice/" + id + "/objections").header("User-Agent", BROWSER)
			.with(users.person(RESIDENTS.incrementAndGet(), COUNTY, Roles.VOLUNTEER)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"听说当时还有别人，请核实\",\"name\":\"李女士\",\"mobile\":\"" + TestVolunteers.mobile() + "\"}"))
			.andExpect(status().is2xxSuccessful());
		long objection = jdbc.sql("select id from honor_objection where nomination_id = :id").param("id", id)
			.query(Long.class).single();
		mvc.perform(post("/admin/honor/objections/" + objection + "/answer").with(city).with(csrf())
			.param("answer", "经核实，四人共同施救，均已推荐").param("upheld", "false")).andExpect(status().is3xxRedirection());

		// the week passes: the period ends and is closed into review
		long notice = jdbc.sql("select notice_id from honor_notice_entry where nomination_id = :id").param("id", id)
			.query(Long.class).single();
		jdbc.sql("update honor_notice set starts_at = starts_at - interval '8 days', ends_at = ends_at - interval '8 days' where id = :n")
			.param("n", notice).update();
		assertThat(notices.closeEnded(Instant.now())).isGreaterThanOrEqualTo(1);
		assertThat(row(id, "status")).isEqualTo("REVIEW");

		// the city publishes him on its roll for the quarter
		mvc.perform(post("/admin/honor/roll/publish").with(city).with(csrf()).param("quarter", quarter)
			.param("nominationIds", String.valueOf(id))).andExpect(status().is3xxRedirection());
		assertThat(row(id, "status")).isEqualTo("PUBLISHED");
		long entry = jdbc.sql("select id from honor_roll_entry where nomination_id = :id and honour = 'CITY_GOOD' and period = :q")
			.param("id", id).param("q", quarter).query(Long.class).single();
		mvc.perform(get("/honor").param("honour", "CITY_GOOD").param("period", quarter)).andExpect(status().isOk())
			.andExpect(content().string(containsString(title)));
		mvc.perform(get("/honor/entries/" + entry)).andExpect(status().isOk()).andExpect(content().string(containsString(title)));
		mvc.perform(get("/honor/feed.atom")).andExpect(status().isOk()).andExpect(content().string(containsString(title)));

		// later the province picks him from the city's roll
		String next = LocalDate.now(CityTime.ZONE).plusMonths(3).getYear() + "Q"
				+ ((LocalDate.now(CityTime.ZONE).plusMonths(3).getMonthValue() - 1) / 3 + 1);
		mvc.perform(post("/admin/honor/roll/pick").with(city).with(csrf()).param("nominationId", String.valueOf(id))
			.param("honour", "PROVINCE_GOOD").param("period", next).param("decisionDocument", "粤文明办〔2027〕3号"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/honor").param("honour", "PROVINCE_GOOD")).andExpect(status().isOk())
			.andExpect(content().string(containsString(title)));

		// his free health check is registered (staff only)
		mvc.perform(post("/admin/honor/care/measures").with(city).with(csrf()).param("regionCode", CITY)
			.param("code", "HC" + tag).param("kind", "HEALTH_CHECK").param("name", "免费体检" + tag))
			.andExpect(status().is3xxRedirection());
		long measure = jdbc.sql("select id from honor_care_measure where code = :c").param("c", "HC" + tag)
			.query(Long.class).single();
		mvc.perform(post("/api/v1/honor/care/grants").with(city).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"rollEntryId\":" + entry + ",\"measureId\":" + measure + ",\"grantedOn\":\""
					+ LocalDate.now(CityTime.ZONE) + "\"}"))
			.andExpect(status().isCreated());
		mvc.perform(get("/admin/honor/care/entries/" + entry).with(city)).andExpect(status().isOk())
			.andExpect(content().string(containsString("免费体检" + tag)));
		mvc.perform(get("/admin/honor/care/entries/" + entry)).andExpect(status().is3xxRedirection());

		// he withdraws his consent: gone from the roll, his page and the feed at the next request
		mvc.perform(post(consent + "/withdraw").with(csrf())).andExpect(status().is2xxSuccessful());
		mvc.perform(get("/honor/entries/" + entry)).andExpect(status().isNotFound());
		mvc.perform(get("/honor").param("honour", "PROVINCE_GOOD")).andExpect(status().isOk())
			.andExpect(content().string(not(containsString(title))));
		mvc.perform(get("/honor/feed.atom")).andExpect(status().isOk()).andExpect(content().string(not(containsString(title))));
		// the office still looks after him
		mvc.perform(get("/admin/honor/care/entries/" + entry).with(city)).andExpect(status().isOk())
			.andExpect(content().string(containsString("免费体检" + tag)));
	}

	private MockHttpServletRequestBuilder resident(MockHttpServletRequestBuilder request, TestUsers users) {
		return request.with(users.person(RESIDENTS.incrementAndGet(), VILLAGE, Roles.CITIZEN)).with(csrf());
	}

	private void decide(long id, RequestPostProcessor office, String reason) throws Exception {
		mvc.perform(post("/api/v1/honor/vetting/" + id + "/decision").with(office).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\":\"PASS\",\"reason\":\"" + reason + "\",\"version\":" + row(id, "version") + "}"))
			.andExpect(status().is2xxSuccessful());
	}

	private MockHttpServletRequestBuilder openNotice(RequestPostProcessor city, String quarter, LocalDateTime start, long id) {
		return post("/admin/honor/notices").with(city).with(csrf()).param("regionCode", CITY).param("quarter", quarter)
			.param("title", "身边好人候选人公示").param("startsAt", start.toString()).param("days", "7")
			.param("nominationIds", String.valueOf(id));
	}

	private org.springframework.test.web.servlet.ResultActions like(long id, RequestPostProcessor person) throws Exception {
		return mvc.perform(post("/api/v1/honor/notice/" + id + "/likes").with(person).with(csrf())
			.header("User-Agent", BROWSER)).andExpect(status().isOk());
	}

	private String consentLink(String mobile) {
		String masked = mobile.substring(0, 3) + "****" + mobile.substring(7);
		String link = jdbc.sql("""
				select parameters->>'link' from notification_outbox where topic = 'honor.consent' and recipient_masked = :m
				order by id desc limit 1""").param("m", masked).query(String.class).single();
		return link.substring(link.indexOf("/honor/consent/"));
	}

	private String row(long id, String column) {
		return jdbc.sql("select " + column + "::text from honor_nomination where id = :id").param("id", id)
			.query(String.class).single();
	}

	private JsonNode body(org.springframework.test.web.servlet.ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}
}
