package org.wenming.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole month of field assessment through the HTTP API of every part, as the people do it: the city
 * office loads the shipped sample framework and publishes it, registers places in two counties, sets up a
 * round with a team and an inspector, draws the sample with a seed, assigns and opens it; the inspector
 * records every criterion of every place on the phone API (one submission sent twice, as a phone retries)
 * and closes each place; the city office closes the round. Then: the scores equal a recount of what the
 * inspector sent, the counties are ranked by it, every failed criterion is a case in casework (source
 * ASSESSMENT) and was made once, and the next round's inspector sees those cases at the place (回头看).
 */
@WenmingTest
class AssessmentJourneyTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	RequestPostProcessor cityOffice;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void publishDrawObserveCloseScoreAndHandOver() throws Exception {
		TestUsers users = new TestUsers(regions);
		cityOffice = users.staff("4412", Roles.OFFICE_STAFF);
		LocalDate today = LocalDate.now(CityTime.ZONE);

		// the sample framework, loaded as a draft and published
		long framework = json(call(post("/api/v1/assessment/frameworks/sample").param("name", "测评体系" + tag), cityOffice,
				201)).get("id").asLong();
		call(post("/api/v1/assessment/frameworks/" + framework + "/publish"), cityOffice, 200);

		// places of every type in 端州 and 鼎湖
		for (String county : List.of("441202", "441203")) {
			String village = jdbc.sql("select code from region where level = 5 and code like :c order by code limit 1")
				.param("c", county + "%").query(String.class).single();
			for (PlaceType type : PlaceType.values()) {
				call(body(post("/api/v1/assessment/places"), """
						{"type":"%s","name":"旅程测试点%s-%s","regionCode":"%s"}""".formatted(type, tag, type, village)),
						cityOffice, 201);
			}
		}

		// the inspector of the city office's own team
		String inspector = inspectorLogin();
		RequestPostProcessor phone = users.person(userId(inspector), "4412", Roles.INSPECTOR);

		// November: created, a team with the inspector, drawn with a seed, assigned, opened
		long november = openRound("2026年11月测评" + tag, framework, inspector, today);
		Map<Long, List<Sent>> sent = new HashMap<>();
		List<JsonNode> places = list(json(call(get("/api/v1/assessment/inspect/rounds/" + november + "/places"), phone, 200)));
		assertThat(places).as("the team's places").isNotEmpty();
		boolean retried = false;
		for (JsonNode place : places) {
			long placeId = place.get("placeId").asLong();
			JsonNode checklist = json(call(get(checklistPath(november, placeId)), phone, 200));
			List<Sent> entries = entries(checklist);
			String request = JSON.writeValueAsString(Map.of("entries", entries.stream().map(Sent::json).toList()));
			String key = "journey-" + tag + "-" + placeId;
			MvcResult first = call(body(put(observationsPath(november, placeId)), request).header("Idempotency-Key", key),
					phone, 200);
			if (!retried) {
				// the phone did not hear the answer and sends the same again: the same answer, nothing stored twice
				int version = version(november, placeId);
				MvcResult again = call(body(put(observationsPath(november, placeId)), request).header("Idempotency-Key", key),
						phone, 200);
				assertThat(again.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
				assertThat(again.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
				assertThat(version(november, placeId)).isEqualTo(version);
				retried = true;
			}
			call(post("/api/v1/assessment/inspect/rounds/" + november + "/places/" + placeId + "/close"), phone, 200);
			sent.put(placeId, entries);
		}
		assertThat(jdbc.sql("select count(*) from assessment_observation where round_id = :r").param("r", november)
			.query(Integer.class).single()).isEqualTo(sent.values().stream().mapToInt(List::size).sum());

		call(post("/api/v1/assessment/rounds/" + november + "/close"), cityOffice, 200);

		// the scores are a recount of what the inspector sent
		BigDecimal marks = BigDecimal.ZERO;
		BigDecimal possible = BigDecimal.ZERO;
		int failed = 0;
		for (List<Sent> entries : sent.values()) {
			for (Sent s : entries) {
				marks = marks.add(s.marks());
				possible = possible.add(s.fullMarks());
				failed += s.marks().compareTo(s.fullMarks()) < 0 ? 1 : 0;
			}
		}
		JsonNode scores = json(call(get("/api/v1/assessment/rounds/" + november + "/scores"), cityOffice, 200));
		assertThat(scores.get("total").get("marks").decimalValue()).isEqualByComparingTo(marks);
		assertThat(scores.get("total").get("possible").decimalValue()).isEqualByComparingTo(possible);
		assertThat(scores.get("total").get("rate").decimalValue()).isEqualByComparingTo(Scoring.rate(marks, possible));
		assertThat(scores.get("provisional").asBoolean()).isFalse();
		// the counties ranked by their rate
		List<JsonNode> counties = list(scores.get("children"));
		assertThat(counties).extracting(c -> c.get("code").asString()).contains("441202", "441203");
		List<JsonNode> ranked = counties.stream().filter(c -> c.hasNonNull("rate")).toList();
		for (int i = 1; i < ranked.size(); i++) {
			assertThat(ranked.get(i).get("rate").decimalValue())
				.isLessThanOrEqualTo(ranked.get(i - 1).get("rate").decimalValue());
			assertThat(ranked.get(i).get("rank").asInt()).isGreaterThanOrEqualTo(ranked.get(i - 1).get("rank").asInt());
		}

		// every failed criterion handed over as a case, once
		assertThat(failed).as("the journey fails some criteria").isPositive();
		int expected = failed;
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
			.until(() -> handovers(november) == expected);
		List<JsonNode> handed = list(json(call(get("/api/v1/assessment/rounds/" + november + "/handovers"), cityOffice, 200)));
		assertThat(handed).hasSize(failed);
		Set<String> caseNumbers = new HashSet<>();
		handed.forEach(h -> caseNumbers.add(h.get("caseNumber").asString()));
		assertThat(caseNumbers).hasSize(failed);
		assertThat(jdbc.sql("""
				select count(*) from rectification_case where source = 'ASSESSMENT' and case_number in (:numbers)""")
			.param("numbers", caseNumbers).query(Integer.class).single()).isEqualTo(failed);

		// December: the same team's inspector sees, at each place drawn again, every case November handed over there
		Map<Long, Set<String>> novemberCases = new HashMap<>();
		handed.forEach(h -> novemberCases.computeIfAbsent(h.get("placeId").asLong(), p -> new HashSet<>())
			.add(h.get("caseNumber").asString()));
		long december = openRound("2026年12月测评" + tag, framework, inspector, today);
		int placesSeenAgain = 0;
		for (JsonNode place : list(json(call(get("/api/v1/assessment/inspect/rounds/" + december + "/places"), phone, 200)))) {
			long placeId = place.get("placeId").asLong();
			Set<String> lookBack = new HashSet<>();
			json(call(get(checklistPath(december, placeId)), phone, 200)).path("lookBack")
				.forEach(l -> lookBack.add(l.get("caseNumber").asString()));
			if (novemberCases.containsKey(placeId)) {
				assertThat(lookBack).as("回头看 at place %d", placeId).containsAll(novemberCases.get(placeId));
				placesSeenAgain++;
			}
		}
		assertThat(placesSeenAgain).as("December's places with November's cases").isPositive();
	}

	/** A round of the city: created, the city office's team with the inspector, drawn, assigned, opened. */
	private long openRound(String name, long framework, String inspector, LocalDate today) throws Exception {
		long round = json(call(body(post("/api/v1/assessment/rounds"), """
				{"name":"%s","frameworkId":%d,"startsOn":"%s","endsOn":"%s","quota":1}"""
			.formatted(name, framework, today.minusDays(1), today.plusDays(10))), cityOffice, 201)).get("id").asLong();
		long team = json(call(body(post("/api/v1/assessment/rounds/" + round + "/teams"), "{\"name\":\"市文明办测评组\"}"),
				cityOffice, 201)).get("id").asLong();
		call(body(post("/api/v1/assessment/rounds/" + round + "/teams/" + team + "/members"),
				"{\"username\":\"" + inspector + "\"}"), cityOffice, 201);
		call(body(post("/api/v1/assessment/rounds/" + round + "/draw"), "{\"seed\":20261101}"), cityOffice, 200);
		call(post("/api/v1/assessment/rounds/" + round + "/assignment"), cityOffice, 200);
		call(post("/api/v1/assessment/rounds/" + round + "/open"), cityOffice, 200);
		return round;
	}

	/** What the inspector records for each criterion of the checklist: some met, some not, with the marks it gives. */
	private static List<Sent> entries(JsonNode checklist) {
		List<Sent> entries = new ArrayList<>();
		int i = 0;
		for (JsonNode item : checklist.get("items")) {
			for (JsonNode c : item.get("criteria")) {
				ScoringRule rule = ScoringRule.valueOf(c.get("rule").asString());
				BigDecimal full = c.get("fullMarks").decimalValue();
				BigDecimal deduction = c.hasNonNull("deduction") ? c.get("deduction").decimalValue() : null;
				Integer target = c.hasNonNull("target") ? c.get("target").asInt() : null;
				Scoring.Recorded recorded = switch (rule) {
					case PASS_FAIL -> Scoring.Recorded.passed(i % 3 != 0);
					case DEDUCTION -> Scoring.Recorded.shortfalls(i % 2);
					case COUNT_TARGET -> Scoring.Recorded.counted(Math.max(0, target - i % 2));
				};
				BigDecimal marks = Scoring.marks(new Scoring.Rule(rule, full, deduction, target), recorded);
				entries.add(new Sent(c.get("id").asLong(), recorded, marks, full));
				i++;
			}
		}
		return entries;
	}

	private record Sent(long criterionId, Scoring.Recorded recorded, BigDecimal marks, BigDecimal fullMarks) {

		Map<String, Object> json() {
			Map<String, Object> entry = new HashMap<>();
			entry.put("criterionId", criterionId);
			if (recorded.passed() != null) {
				entry.put("passed", recorded.passed());
			}
			if (recorded.shortfalls() != null) {
				entry.put("shortfalls", recorded.shortfalls());
			}
			if (recorded.counted() != null) {
				entry.put("counted", recorded.counted());
			}
			return entry;
		}
	}

	/** The highest version of the place's observations: a write raises it, a replayed answer does not. */
	private int version(long round, long place) {
		return jdbc.sql("select max(version) from assessment_observation where round_id = :r and place_id = :p")
			.param("r", round).param("p", place).query(Integer.class).single();
	}

	private int handovers(long round) {
		return jdbc.sql("select count(*) from assessment_handover where round_id = :r").param("r", round)
			.query(Integer.class).single();
	}

	private static String checklistPath(long round, long place) {
		return "/api/v1/assessment/inspect/rounds/" + round + "/places/" + place + "/checklist";
	}

	private static String observationsPath(long round, long place) {
		return "/api/v1/assessment/inspect/rounds/" + round + "/places/" + place + "/observations";
	}

	private String inspectorLogin() {
		String name = "journey-" + tag;
		long id = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:name, '测评员', '{noop}not-used', '4412') returning id""").param("name", name)
			.query(Long.class).single();
		jdbc.sql("insert into user_role (user_id, role) values (:id, 'INSPECTOR')").param("id", id).update();
		return name;
	}

	private long userId(String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

	private static MockHttpServletRequestBuilder body(MockHttpServletRequestBuilder request, String json) {
		return request.contentType(MediaType.APPLICATION_JSON).content(json);
	}

	private MvcResult call(MockHttpServletRequestBuilder request, RequestPostProcessor who, int status) throws Exception {
		MvcResult result = mvc.perform(request.with(csrf()).with(who)).andReturn();
		assertThat(result.getResponse().getStatus())
			.as(result.getRequest().getMethod() + " " + result.getRequest().getRequestURI() + ": "
					+ result.getResponse().getContentAsString())
			.isEqualTo(status);
		return result;
	}

	private static JsonNode json(MvcResult result) throws Exception {
		return JSON.readTree(result.getResponse().getContentAsString());
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> list = new ArrayList<>();
		array.forEach(list::add);
		return list;
	}
}
