package org.wenming.assessment.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.assessment.PlaceType;
import org.wenming.assessment.RoundClosed;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import com.jayway.jsonpath.JsonPath;

/**
 * A round's life by HTTP: created on a published framework only, teams and inspectors, the seeded
 * draw and its verification, the assignment across counties, opening on its dates, closing with
 * {@link RoundClosed}, and a closed round refusing every change. The sample stays hidden from a county
 * office and the inspectors until the round opens (404 and a security-audit row), then each sees only
 * what is theirs.
 */
@WenmingTest
@RecordApplicationEvents
class RoundTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ApplicationEvents events;

	TestUsers users;

	RequestPostProcessor cityOffice;

	RequestPostProcessor duanzhouOffice;

	long published;

	long draft;

	String tag;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		cityOffice = users.staff("4412", Roles.OFFICE_STAFF);
		duanzhouOffice = users.staff("441202", Roles.OFFICE_STAFF);
		tag = UUID.randomUUID().toString().substring(0, 8);
		published = framework("PUBLISHED");
		draft = framework("DRAFT");
		// two places of every type in 端州 and 鼎湖, so both counties are drawn whatever else the database holds
		for (String county : List.of("441202", "441203")) {
			String village = jdbc.sql("select code from region where level = 5 and code like :c order by code limit 1")
					.param("c", county + "%").query(String.class).single();
			String path = regions.find(village).orElseThrow().path();
			for (PlaceType type : PlaceType.values()) {
				for (int i = 0; i < 2; i++) {
					jdbc.sql("""
							insert into assessment_place (place_type, name, region_code, region_path, active, created_by,
							    created_at, updated_at)
							values (:type, :name, :code, :path, true, 'test', now(), now())""")
							.param("type", type.name()).param("name", "测试点" + tag + "-" + i).param("code", village)
							.param("path", path).update();
				}
			}
		}
	}

	long framework(String status) {
		return jdbc.sql("""
				insert into assessment_framework (name, version, status, created_by, created_at, published_at)
				values (:name, 1, :status, 'test', now(), case when :status = 'PUBLISHED' then now() end) returning id""")
				.param("name", "测评体系" + tag + status).param("status", status).query(Long.class).single();
	}

	/** An enabled login holding the inspector's role (or not), in a county. */
	String login(String region, boolean inspector) {
		String name = "insp-" + UUID.randomUUID().toString().substring(0, 10);
		long id = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:name, '测评员', '{noop}not-used', :region) returning id""").param("name", name)
				.param("region", region).query(Long.class).single();
		if (inspector) {
			jdbc.sql("insert into user_role (user_id, role) values (:id, 'INSPECTOR')").param("id", id).update();
		}
		return name;
	}

	long userId(String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

	static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	MvcResult call(MockHttpServletRequestBuilder request, RequestPostProcessor who, int status) throws Exception {
		MvcResult result = mvc.perform(request.with(who)).andReturn();
		assertThat(result.getResponse().getStatus()).as(request.buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI()
				+ ": " + result.getResponse().getContentAsString()).isEqualTo(status);
		return result;
	}

	long createRound(LocalDate starts, LocalDate ends) throws Exception {
		MvcResult created = call(json(post("/api/v1/assessment/rounds"), """
				{"name":"2026年11月模拟测评 %s","frameworkId":%d,"startsOn":"%s","endsOn":"%s","quota":2}"""
				.formatted(tag, published, starts, ends)), cityOffice, 201);
		assertThat((String) JsonPath.read(created.getResponse().getContentAsString(), "$.status")).isEqualTo("DRAFT");
		return ((Number) JsonPath.read(created.getResponse().getContentAsString(), "$.id")).longValue();
	}

	long team(long round, String name, String home) throws Exception {
		MvcResult r = call(json(post("/api/v1/assessment/rounds/" + round + "/teams"),
				home == null ? "{\"name\":\"" + name + "\"}" : "{\"name\":\"" + name + "\",\"homeCounty\":\"" + home + "\"}"),
				cityOffice, 201);
		return ((Number) JsonPath.read(r.getResponse().getContentAsString(), "$.id")).longValue();
	}

	int scopeEvents(String resource, long id) {
		return jdbc.sql("select count(*) from security_event where type = 'OUT_OF_SCOPE' and detail like :d")
				.param("d", resource + " " + id + " via %").query(Integer.class).single();
	}

	@Test
	void aRoundFromDraftToClosedAndNothingChangesAfter() throws Exception {
		LocalDate today = LocalDate.now(CityTime.ZONE);
		// a framework still in draft is refused, naming the field; nothing stored
		int roundsBefore = jdbc.sql("select count(*) from assessment_round").query(Integer.class).single();
		MvcResult refused = call(json(post("/api/v1/assessment/rounds"), """
				{"name":"草稿体系","frameworkId":%d,"startsOn":"%s","endsOn":"%s","quota":2}"""
				.formatted(draft, today, today.plusDays(5))), cityOffice, 400);
		assertThat(refused.getResponse().getContentAsString()).contains("frameworkId");
		call(json(post("/api/v1/assessment/rounds"), """
				{"name":"","frameworkId":%d,"startsOn":"%s","endsOn":"%s","quota":2}"""
				.formatted(published, today, today.plusDays(5))), cityOffice, 400);
		call(json(post("/api/v1/assessment/rounds"), """
				{"name":"x","frameworkId":%d,"startsOn":"%s","endsOn":"%s","quota":0}"""
				.formatted(published, today, today.plusDays(5))), cityOffice, 400);
		call(json(post("/api/v1/assessment/rounds"), """
				{"name":"x","frameworkId":%d,"startsOn":"%s","endsOn":"%s","quota":2}"""
				.formatted(published, today, today.minusDays(1))), cityOffice, 400);
		call(json(post("/api/v1/assessment/rounds"), "{\"name\":\"x\",\"frameworkId\":\"abc\"}"), cityOffice, 400);
		// a county office does not set rounds up
		call(json(post("/api/v1/assessment/rounds"), """
				{"name":"县里自己建","frameworkId":%d,"startsOn":"%s","endsOn":"%s","quota":2}"""
				.formatted(published, today, today.plusDays(5))), duanzhouOffice, 403);
		assertThat(jdbc.sql("select count(*) from assessment_round").query(Integer.class).single()).isEqualTo(roundsBefore);

		long round = createRound(today.minusDays(1), today.plusDays(10));
		long duanzhouTeam = team(round, "端州组" + tag, "441202");
		long dinghuTeam = team(round, "鼎湖组" + tag, "441203");
		long cityTeam = team(round, "市文明办组" + tag, null);
		call(json(post("/api/v1/assessment/rounds/" + round + "/teams"), "{\"name\":\"外市组\",\"homeCounty\":\"440103\"}"),
				cityOffice, 400);
		String duanzhouInspector = login("441202", true);
		String dinghuInspector = login("441203", true);
		String cityInspector = login("4412", true);
		String notInspector = login("441202", false);
		call(json(post("/api/v1/assessment/rounds/" + round + "/teams/" + duanzhouTeam + "/members"),
				"{\"username\":\"" + notInspector + "\"}"), cityOffice, 400);
		call(json(post("/api/v1/assessment/rounds/" + round + "/teams/" + duanzhouTeam + "/members"),
				"{\"username\":\"nobody-" + tag + "\"}"), cityOffice, 400);
		call(json(post("/api/v1/assessment/rounds/" + round + "/teams/" + duanzhouTeam + "/members"),
				"{\"username\":\"" + duanzhouInspector + "\"}"), cityOffice, 201);
		call(json(post("/api/v1/assessment/rounds/" + round + "/teams/" + dinghuTeam + "/members"),
				"{\"username\":\"" + duanzhouInspector + "\"}"), cityOffice, 400);
		call(json(post("/api/v1/assessment/rounds/" + round + "/teams/" + dinghuTeam + "/members"),
				"{\"username\":\"" + dinghuInspector + "\"}"), cityOffice, 201);
		call(json(post("/api/v1/assessment/rounds/" + round + "/teams/" + cityTeam + "/members"),
				"{\"username\":\"" + cityInspector + "\"}"), cityOffice, 201);
		RequestPostProcessor duanzhouMember = users.person(userId(duanzhouInspector), "441202", Roles.INSPECTOR);

		// before the draw there is nothing to verify or assign
		call(get("/api/v1/assessment/rounds/" + round + "/verification"), cityOffice, 409);
		call(post("/api/v1/assessment/rounds/" + round + "/assignment").with(csrf()), cityOffice, 409);

		MvcResult drawn = call(json(post("/api/v1/assessment/rounds/" + round + "/draw"), "{\"seed\":20261101}"), cityOffice,
				200);
		assertThat((String) JsonPath.read(drawn.getResponse().getContentAsString(), "$.round.status")).isEqualTo("DRAWN");
		assertThat(((Number) JsonPath.read(drawn.getResponse().getContentAsString(), "$.round.seed")).longValue())
				.isEqualTo(20261101L);
		// every county × type with at least two candidates (this test's own, and any other test's) gives exactly two
		for (String county : List.of("441202", "441203")) {
			assertThat(jdbc.sql("""
					select count(*) from assessment_sample s where s.round_id = :r and s.county_code = :c""")
					.param("r", round).param("c", county).query(Integer.class).single()).isEqualTo(28);
			assertThat(jdbc.sql("""
					select count(distinct place_type) from assessment_sample s where s.round_id = :r and s.county_code = :c""")
					.param("r", round).param("c", county).query(Integer.class).single()).isEqualTo(14);
		}
		// drawn once: a second draw is refused, and the settings are frozen
		call(json(post("/api/v1/assessment/rounds/" + round + "/draw"), "{\"seed\":1}"), cityOffice, 409);
		call(json(put("/api/v1/assessment/rounds/" + round), """
				{"name":"改名","frameworkId":%d,"startsOn":"%s","endsOn":"%s","quota":5}"""
				.formatted(published, today, today.plusDays(5))), cityOffice, 409);

		// the sample is hidden from the county office and the inspectors: 404 and audited, by API and page
		call(get("/api/v1/assessment/rounds/" + round + "/sample"), duanzhouOffice, 404);
		call(get("/admin/assessment/rounds/" + round + "/sample"), duanzhouOffice, 404);
		call(get("/api/v1/assessment/rounds/" + round + "/sample"), duanzhouMember, 404);
		assertThat(scopeEvents("assessment sample", round)).isEqualTo(3);
		// the round's own facts are no secret, but its seed and digest are
		MvcResult seen = call(get("/api/v1/assessment/rounds/" + round), duanzhouOffice, 200);
		assertThat(seen.getResponse().getContentAsString()).contains("\"status\":\"DRAWN\"").doesNotContain("seed")
				.doesNotContain("sampleDigest");
		assertThat(call(get("/admin/assessment/rounds/" + round), duanzhouOffice, 200).getResponse()
				.getContentAsString()).doesNotContain("测试点" + tag);

		// anyone with the seed and the candidates redraws the same sample
		MvcResult verified = call(get("/api/v1/assessment/rounds/" + round + "/verification"), cityOffice, 200);
		String check = verified.getResponse().getContentAsString();
		assertThat((Boolean) JsonPath.read(check, "$.sampleMatches")).isTrue();
		assertThat((Boolean) JsonPath.read(check, "$.candidatesMatch")).isTrue();
		assertThat((String) JsonPath.read(check, "$.redrawnDigest"))
				.isEqualTo(JsonPath.read(check, "$.recordedDigest"));
		// a hand-picked sample does not pass
		String swap = "update assessment_sample set draw_order = 1 - draw_order where round_id = :r and draw_order in (0, 1)";
		jdbc.sql(swap).param("r", round).update();
		assertThat((Boolean) JsonPath.read(call(get("/api/v1/assessment/rounds/" + round + "/verification"), cityOffice,
				200).getResponse().getContentAsString(), "$.sampleMatches")).isFalse();
		jdbc.sql(swap).param("r", round).update();
		assertThat((Boolean) JsonPath.read(call(get("/api/v1/assessment/rounds/" + round + "/verification"), cityOffice,
				200).getResponse().getContentAsString(), "$.sampleMatches")).isTrue();

		// opening needs every place assigned
		call(post("/api/v1/assessment/rounds/" + round + "/open").with(csrf()), cityOffice, 409);
		call(post("/api/v1/assessment/rounds/" + round + "/assignment").with(csrf()), cityOffice, 200);
		assertThat(jdbc.sql("""
				select count(*) from assessment_sample s join assessment_team t on t.id = s.team_id
				where s.round_id = :r and t.home_county = s.county_code""").param("r", round).query(Integer.class).single())
				.as("places given to their own county's team").isZero();
		assertThat(jdbc.sql("select count(*) from assessment_sample where round_id = :r and team_id is null")
				.param("r", round).query(Integer.class).single()).isZero();

		call(post("/api/v1/assessment/rounds/" + round + "/open").with(csrf()), cityOffice, 200);
		// open: the inspector sees only the team's places, never one of 端州; the county office only 端州's
		String mine = call(get("/api/v1/assessment/rounds/" + round + "/sample"), duanzhouMember, 200).getResponse()
				.getContentAsString();
		List<Number> teamsSeen = JsonPath.read(mine, "$[*].teamId");
		assertThat(teamsSeen).isNotEmpty().allMatch(t -> t.longValue() == duanzhouTeam);
		assertThat((List<String>) JsonPath.read(mine, "$[*].countyCode")).doesNotContain("441202");
		assertThat(teamsSeen).hasSize(jdbc.sql("select count(*) from assessment_sample where team_id = :t")
				.param("t", duanzhouTeam).query(Integer.class).single());
		String county = call(get("/api/v1/assessment/rounds/" + round + "/sample"), duanzhouOffice, 200).getResponse()
				.getContentAsString();
		assertThat((List<String>) JsonPath.read(county, "$[*].countyCode")).isNotEmpty().allMatch("441202"::equals);
		// the pages say the same: the county office its county's places, the inspector the team's
		assertThat(call(get("/admin/assessment/rounds/" + round + "/sample"), duanzhouOffice, 200).getResponse()
				.getContentAsString()).contains("测试点" + tag);
		assertThat(call(get("/admin/assessment/rounds/" + round).param("lang", "zh-TW"), duanzhouMember, 200)
				.getResponse().getContentAsString()).contains("我的點位");
		assertThat(call(get("/admin/assessment/rounds/" + round), cityOffice, 200).getResponse().getContentAsString())
				.contains("端州组" + tag).contains(duanzhouInspector);
		// the other parts' questions
		Rounds rounds = roundsBean;
		long someDuanzhouPlace = ((Number) JsonPath.read(mine, "$[0].placeId")).longValue();
		assertThat(rounds.assignedTeam(round, someDuanzhouPlace)).contains(duanzhouTeam);
		assertThat(rounds.placesOf(userId(duanzhouInspector), round)).hasSize(teamsSeen.size());
		assertThat(rounds.isMember(userId(duanzhouInspector), duanzhouTeam)).isTrue();
		assertThat(rounds.isMember(userId(duanzhouInspector), dinghuTeam)).isFalse();
		assertThat(rounds.find(round)).get().extracting(Round::status).isEqualTo(RoundStatus.OPEN);

		// closing publishes RoundClosed once
		call(post("/api/v1/assessment/rounds/" + round + "/close").with(csrf()), cityOffice, 200);
		assertThat(events.stream(RoundClosed.class).filter(e -> e.roundId() == round))
				.singleElement().satisfies(e -> assertThat(e.regionPath()).isEqualTo("44.4412."));

		// closed: every change refused with a clear error, nothing stored
		Map<String, Object> before = jdbc.sql("select * from assessment_round where id = :r").param("r", round).query()
				.singleRow();
		MvcResult closed = call(json(post("/api/v1/assessment/rounds/" + round + "/teams"), "{\"name\":\"迟到组\"}"),
				cityOffice, 409);
		assertThat(closed.getResponse().getContentAsString()).contains("status");
		call(json(post("/api/v1/assessment/rounds/" + round + "/teams/" + cityTeam + "/members"),
				"{\"username\":\"" + login("4412", true) + "\"}"), cityOffice, 409);
		call(post("/api/v1/assessment/rounds/" + round + "/close").with(csrf()), cityOffice, 409);
		call(post("/api/v1/assessment/rounds/" + round + "/open").with(csrf()), cityOffice, 409);
		call(post("/api/v1/assessment/rounds/" + round + "/assignment").with(csrf()), cityOffice, 409);
		call(post("/admin/assessment/rounds/" + round + "/teams").param("name", "迟到组").with(csrf()), cityOffice, 409);
		assertThat(jdbc.sql("select * from assessment_round where id = :r").param("r", round).query().singleRow())
				.isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from assessment_team where round_id = :r").param("r", round)
				.query(Integer.class).single()).isEqualTo(3);
		// and the database itself refuses, whoever asks
		assertThatThrownBy(() -> jdbc.sql("update assessment_round set name = 'x' where id = :r").param("r", round)
				.update()).hasMessageContaining("closed");
		assertThatThrownBy(() -> jdbc.sql("update assessment_sample set team_id = null where round_id = :r")
				.param("r", round).update()).hasMessageContaining("closed");
	}

	@Autowired
	Rounds roundsBean;

	@Test
	void aRoundDoesNotOpenBeforeItsFirstDay() throws Exception {
		LocalDate tomorrow = LocalDate.now(CityTime.ZONE).plusDays(1);
		long round = createRound(tomorrow, tomorrow.plusDays(7));
		team(round, "市组" + tag, null);
		String inspector = login("4412", true);
		long teamId = jdbc.sql("select id from assessment_team where round_id = :r").param("r", round)
				.query(Long.class).single();
		call(json(post("/api/v1/assessment/rounds/" + round + "/teams/" + teamId + "/members"),
				"{\"username\":\"" + inspector + "\"}"), cityOffice, 201);
		call(post("/api/v1/assessment/rounds/" + round + "/draw").with(csrf()), cityOffice, 200);
		assertThat(roundsBean.find(round).orElseThrow().seed()).isNotNull();
		call(post("/api/v1/assessment/rounds/" + round + "/assignment").with(csrf()), cityOffice, 200);
		MvcResult early = call(post("/api/v1/assessment/rounds/" + round + "/open").with(csrf()), cityOffice, 409);
		assertThat(early.getResponse().getContentAsString()).contains("startsOn");
		assertThat(roundsBean.find(round).orElseThrow().status()).isEqualTo(RoundStatus.DRAWN);
		// the page says the same, in the reader's language
		MvcResult page = call(post("/admin/assessment/rounds/" + round + "/open").with(csrf()), cityOffice, 409);
		assertThat(page.getResponse().getContentAsString()).contains("才开始");
	}

	@Test
	void assignmentIsRefusedWhenACountyWouldBeInspectedByItsOwnTeam() throws Exception {
		LocalDate today = LocalDate.now(CityTime.ZONE);
		long round = createRound(today, today.plusDays(7));
		team(round, "端州组" + tag, "441202");
		call(post("/api/v1/assessment/rounds/" + round + "/draw").with(csrf()), cityOffice, 200);
		MvcResult refused = call(post("/api/v1/assessment/rounds/" + round + "/assignment").with(csrf()), cityOffice, 409);
		assertThat(refused.getResponse().getContentAsString()).contains("teams");
		assertThat(jdbc.sql("select count(*) from assessment_sample where round_id = :r and team_id is not null")
				.param("r", round).query(Integer.class).single()).isZero();
	}

	@Test
	void theCityOfficesPagesShowTheRound() throws Exception {
		LocalDate today = LocalDate.now(CityTime.ZONE);
		long round = createRound(today, today.plusDays(7));
		assertThat(call(get("/admin/assessment/rounds"), cityOffice, 200).getResponse().getContentAsString())
				.contains("2026年11月模拟测评 " + tag);
		assertThat(call(get("/admin/assessment/rounds/new"), cityOffice, 200).getResponse().getContentAsString())
				.contains("测评体系" + tag + "PUBLISHED");
		call(get("/admin/assessment/rounds/new"), duanzhouOffice, 403);
		MvcResult created = call(post("/admin/assessment/rounds/new").with(csrf()).param("name", "页面轮次" + tag)
				.param("frameworkId", String.valueOf(draft)).param("startsOn", today.toString())
				.param("endsOn", today.plusDays(3).toString()).param("quota", "2"), cityOffice, 400);
		assertThat(created.getResponse().getContentAsString()).contains("round-framework-error");
		call(post("/admin/assessment/rounds/new").with(csrf()).param("name", "页面轮次" + tag)
				.param("frameworkId", String.valueOf(published)).param("startsOn", "2026-13-01")
				.param("endsOn", today.toString()).param("quota", "2"), cityOffice, 400);
		call(post("/admin/assessment/rounds/" + round + "/teams").with(csrf()).param("name", "页面组" + tag)
				.param("homeCounty", "441203"), cityOffice, 302);
		call(post("/admin/assessment/rounds/" + round + "/draw").with(csrf()).param("seed", "12345"), cityOffice, 302);
		String page = call(get("/admin/assessment/rounds/" + round + "/verify"), cityOffice, 200).getResponse()
				.getContentAsString();
		assertThat(page).contains("页面组" + tag).contains("12345").contains("完全一致");
		// a round of the city is not to be reached by id from outside it
		call(get("/admin/assessment/rounds/" + round + "/verify"), duanzhouOffice, 404);
	}
}
