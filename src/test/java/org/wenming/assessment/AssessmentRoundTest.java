package org.wenming.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.assessment.handover.Handovers;
import org.wenming.assessment.observation.InspectionPhotos;
import org.wenming.assessment.score.Scores;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseView;
import org.wenming.casework.Cases;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import com.jayway.jsonpath.JsonPath;

/**
 * A whole round of field assessment over HTTP and the real database: a published framework, places in
 * three counties, an open round with a cross-county team, observations as the phones write them
 * (observations and place scores), then the round closes. Scores must equal a recount from the raw
 * observations, the counties must rank by rate, every failed criterion must be a case in casework (source,
 * category, region, photo), a second delivery must create nothing, and the next round must show the
 * cases at their places and count those fixed since.
 *
 * <p>The framework, round and observation parts are built alongside: until they are merged the fixtures
 * write their tables with SQL, as those parts will.
 */
@WenmingTest
class AssessmentRoundTest {

	static final String CITY = "4412";

	static final String[] COUNTIES = { "441202", "441203", "441204" };

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Cases cases;

	@Autowired
	CasePhotos photos;

	@Autowired
	InspectionPhotos inspectionPhotos;

	@Autowired
	Handovers handovers;

	@Autowired
	Scores scores;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	TestUsers users;

	String suffix;

	int year;

	record Criterion(long id, String type, String code, ScoringRule rule, BigDecimal fullMarks, BigDecimal deduction,
			Integer target, String category) {

		Scoring.Rule scoringRule() {
			return new Scoring.Rule(rule, fullMarks, deduction, target);
		}
	}

	record Place(long id, String type, String name, String regionCode, String regionPath, String county) {
	}

	record Observed(Place place, Criterion criterion, BigDecimal marks, String note) {
	}

	long framework;

	List<Criterion> criteria = new ArrayList<>();

	List<Place> places = new ArrayList<>();

	@BeforeEach
	void framework() {
		users = new TestUsers(regions);
		suffix = UUID.randomUUID().toString().substring(0, 8);
		year = 2100 + ThreadLocalRandom.current().nextInt(800);
		framework = jdbc.sql("""
				insert into assessment_framework (name, version, status, created_by, created_at)
				values (:name, 1, 'DRAFT', 'test', now()) returning id""").param("name", "测试测评体系" + suffix)
				.query(Long.class).single();
		long item = jdbc.sql("""
				insert into assessment_item (framework_id, code, name, position) values (:f, 'I1', '公共环境', 1)
				returning id""").param("f", framework).query(Long.class).single();
		criterion(item, "MAIN_ROAD", "R1", ScoringRule.PASS_FAIL, "4", null, null, "SANITATION");
		criterion(item, "MAIN_ROAD", "R2", ScoringRule.DEDUCTION, "3", "1", null, "TRAFFIC_ORDER");
		criterion(item, "MAIN_ROAD", "R3", ScoringRule.COUNT_TARGET, "2", "0.5", 3, null);
		criterion(item, "MARKET", "M1", ScoringRule.PASS_FAIL, "5", null, null, "NO_SUCH_CATEGORY");
		criterion(item, "MARKET", "M2", ScoringRule.DEDUCTION, "4", "2", null, "PUBLIC_TOILET");
		jdbc.sql("update assessment_framework set status = 'PUBLISHED', published_by = 'test', published_at = now() where id = :f")
				.param("f", framework).update();
		for (String county : COUNTIES) {
			List<String[]> villages = jdbc.sql("""
					select code, path from region where level = 5 and path >= :lower and path < :upper order by code limit 2""")
					.param("lower", regions.find(county).orElseThrow().scope().lower())
					.param("upper", regions.find(county).orElseThrow().scope().upper())
					.query((rs, n) -> new String[] { rs.getString("code"), rs.getString("path") }).list();
			assertThat(villages).as("villages of " + county).isNotEmpty();
			int i = 0;
			for (String type : new String[] { "MAIN_ROAD", "MAIN_ROAD", "MARKET" }) {
				String[] village = villages.get(i % villages.size());
				String name = "测试点位" + suffix + "-" + county + "-" + (++i);
				long id = jdbc.sql("""
						insert into assessment_place (place_type, name, address, region_code, region_path, latitude, longitude,
						    created_by, created_at, updated_at)
						values (:type, :name, '测试路1号', :code, :path, 23.05, 112.46, 'test', now(), now()) returning id""")
						.param("type", type).param("name", name).param("code", village[0]).param("path", village[1])
						.query(Long.class).single();
				places.add(new Place(id, type, name, village[0], village[1], county));
			}
		}
	}

	private void criterion(long item, String type, String code, ScoringRule rule, String full, String deduction,
			Integer target, String category) {
		long id = jdbc.sql("""
				insert into assessment_criterion (framework_id, item_id, place_type, code, text, full_marks, rule, deduction,
				    target, case_category, position)
				values (:f, :item, :type, :code, :text, :full, :rule, :deduction, :target, :category, :position) returning id""")
				.param("f", framework).param("item", item).param("type", type).param("code", code + suffix)
				.param("text", "测试标准" + code).param("full", new BigDecimal(full)).param("rule", rule.name())
				.param("deduction", deduction == null ? null : new BigDecimal(deduction)).param("target", target)
				.param("category", category).param("position", criteria.size() + 1).query(Long.class).single();
		criteria.add(new Criterion(id, type, code + suffix, rule, new BigDecimal(full),
				deduction == null ? null : new BigDecimal(deduction), target, category));
	}

	/** An open round of the city with every place sampled, assigned to a team from the first county. */
	private long openRound(String name, int month, int day) {
		long round = jdbc.sql("""
				insert into assessment_round (name, region_code, region_path, framework_id, starts_on, ends_on, quota, status,
				    seed, created_by, created_at, drawn_by, drawn_at, opened_at)
				values (:name, '4412', '44.4412.', :f, :starts, :ends, 1, 'OPEN', 42, 'test', now(), 'test', now(), now())
				returning id""").param("name", name + suffix).param("f", framework)
				.param("starts", LocalDate.of(year, month, day)).param("ends", LocalDate.of(year, month, day + 5))
				.query(Long.class).single();
		long team = jdbc.sql("""
				insert into assessment_team (round_id, name, home_county) values (:r, '第一测评组', '441202') returning id""")
				.param("r", round).query(Long.class).single();
		jdbc.sql("insert into assessment_team_member (team_id, user_id) values (:t, 7)").param("t", team).update();
		int order = 0;
		for (Place p : places) {
			jdbc.sql("""
					insert into assessment_sample (round_id, place_id, county_code, place_type, draw_order, team_id)
					values (:r, :p, :county, :type, :order, :team)""").param("r", round).param("p", p.id())
					.param("county", p.county()).param("type", p.type()).param("order", ++order).param("team", team)
					.update();
		}
		return round;
	}

	/** Observations as the phones write them: one per criterion of the place's type, and the place's score. */
	private List<Observed> observe(long round, long seed) {
		Random random = new Random(seed);
		List<Observed> observed = new ArrayList<>();
		for (Place p : places) {
			BigDecimal marks = BigDecimal.ZERO;
			BigDecimal possible = BigDecimal.ZERO;
			int n = 0;
			for (Criterion c : criteria.stream().filter(c -> c.type().equals(p.type())).toList()) {
				Scoring.Recorded recorded = switch (c.rule()) {
					case PASS_FAIL -> Scoring.Recorded.passed(random.nextInt(3) > 0);
					case DEDUCTION -> Scoring.Recorded.shortfalls(random.nextInt(3));
					case COUNT_TARGET -> Scoring.Recorded.counted(random.nextInt(5));
				};
				BigDecimal m = Scoring.marks(c.scoringRule(), recorded);
				String note = m.compareTo(c.fullMarks()) < 0 ? "测试备注" + p.name() : null;
				jdbc.sql("""
						insert into assessment_observation (round_id, place_id, criterion_id, passed, shortfalls, counted, marks,
						    full_marks, note, latitude, longitude, observed_by, observed_at, updated_at)
						values (:r, :p, :c, :passed, :shortfalls, :counted, :marks, :full, :note, 23.05, 112.46, 7, now(), now())""")
						.param("r", round).param("p", p.id()).param("c", c.id()).param("passed", recorded.passed())
						.param("shortfalls", recorded.shortfalls()).param("counted", recorded.counted()).param("marks", m)
						.param("full", c.fullMarks()).param("note", note).update();
				observed.add(new Observed(p, c, m, note));
				marks = marks.add(m);
				possible = possible.add(c.fullMarks());
				n++;
			}
			jdbc.sql("""
					insert into assessment_place_score (round_id, place_id, marks, possible, observed, criteria)
					values (:r, :p, :marks, :possible, :n, :n)""").param("r", round).param("p", p.id())
					.param("marks", marks).param("possible", possible).param("n", n).update();
		}
		return observed;
	}

	private void close(long round) {
		transactions.executeWithoutResult(tx -> {
			jdbc.sql("update assessment_round set status = 'CLOSED', closed_by = 'test', closed_at = now() where id = :r")
					.param("r", round).update();
			events.publishEvent(new RoundClosed(round, "44.4412.", "test", OffsetDateTime.now(ZoneOffset.UTC)));
		});
	}

	private int handed(long round) {
		return jdbc.sql("select count(*) from assessment_handover where round_id = :r").param("r", round)
				.query(Integer.class).single();
	}

	private void awaitHandover(long round, int expected) throws InterruptedException {
		for (int i = 0; i < 600 && handed(round) < expected; i++) {
			Thread.sleep(100);
		}
		assertThat(handed(round)).isEqualTo(expected);
	}

	private RequestPostProcessor cityOffice() {
		return users.staff(CITY, Roles.OFFICE_STAFF);
	}

	private static BigDecimal sum(List<Observed> observed, java.util.function.Function<Observed, BigDecimal> value) {
		return observed.stream().map(value).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	@Test
	void aWholeRoundScoresRanksHandsOverOnceAndTheNextRoundShowsTheCases() throws Exception {
		long first = openRound("测试十一月测评", 11, 2);
		List<Observed> observed = observe(first, 4412);
		// a photo of the first failed criterion, as the phone part stores it
		Observed withPhoto = observed.stream().filter(o -> o.marks().compareTo(o.criterion().fullMarks()) < 0)
				.findFirst().orElseThrow();
		String key = "assessment/test/" + UUID.randomUUID() + ".jpg";
		inspectionPhotos.put(key, jpeg());
		jdbc.sql("""
				insert into assessment_photo (round_id, place_id, criterion_id, object_key, content_type, width, height, bytes,
				    uploaded_by, uploaded_at)
				values (:r, :p, :c, :key, 'image/jpeg', 64, 48, 1000, 7, now())""").param("r", first)
				.param("p", withPhoto.place().id()).param("c", withPhoto.criterion().id()).param("key", key).update();

		// while the round is open a county's staff see their county's provisional figures, and only theirs
		mvc.perform(get("/api/v1/assessment/rounds/" + first + "/scores").with(users.staff("441202", Roles.OFFICE_STAFF)))
				.andExpect(status().isOk()).andExpect(jsonPath("$.provisional").value(true))
				.andExpect(jsonPath("$.region.code").value("441202"))
				.andExpect(jsonPath("$.total.places").value(3));

		close(first);
		List<Observed> failed = observed.stream().filter(o -> o.marks().compareTo(o.criterion().fullMarks()) < 0).toList();
		assertThat(failed).hasSizeGreaterThan(3);
		awaitHandover(first, failed.size());

		// scores equal a recount from the raw observations
		BigDecimal expectedRate = Scoring.rate(sum(observed, Observed::marks), sum(observed, o -> o.criterion().fullMarks()));
		Map<String, BigDecimal> byCounty = new LinkedHashMap<>();
		for (String county : COUNTIES) {
			List<Observed> in = observed.stream().filter(o -> o.place().county().equals(county)).toList();
			byCounty.put(county, Scoring.rate(sum(in, Observed::marks), sum(in, o -> o.criterion().fullMarks())));
		}
		List<String> expectedOrder = byCounty.entrySet().stream()
				.sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder())
						.thenComparing(Map.Entry.comparingByKey()))
				.map(Map.Entry::getKey).toList();
		MvcResult result = mvc.perform(get("/api/v1/assessment/rounds/" + first + "/scores").with(cityOffice()))
				.andExpect(status().isOk()).andExpect(jsonPath("$.provisional").value(false))
				.andExpect(jsonPath("$.total.places").value(places.size()))
				.andExpect(jsonPath("$.total.rate").value(expectedRate.doubleValue()))
				.andExpect(jsonPath("$.definitions.rate").exists()).andReturn();
		String json = result.getResponse().getContentAsString();
		List<String> order = JsonPath.read(json, "$.children[*].code");
		assertThat(order).containsExactlyElementsOf(expectedOrder);
		for (int i = 0; i < expectedOrder.size(); i++) {
			assertThat(new BigDecimal(JsonPath.read(json, "$.children[" + i + "].rate").toString()))
					.isEqualByComparingTo(byCounty.get(expectedOrder.get(i)));
			assertThat((Integer) JsonPath.read(json, "$.children[" + i + "].rank")).isEqualTo(i + 1);
		}
		// by type, recounted
		for (String type : new String[] { "MAIN_ROAD", "MARKET" }) {
			List<Observed> in = observed.stream().filter(o -> o.place().type().equals(type)).toList();
			BigDecimal rate = Scoring.rate(sum(in, Observed::marks), sum(in, o -> o.criterion().fullMarks()));
			List<Object> rates = JsonPath.read(json, "$.byType[?(@.code == '" + type + "')].rate");
			assertThat(new BigDecimal(String.valueOf(rates.get(0)))).isEqualByComparingTo(rate);
		}

		// every failed criterion is a case in the place's village, source ASSESSMENT, category from the criterion
		for (Observed o : failed) {
			long caseId = jdbc.sql("""
					select case_id from assessment_handover where round_id = :r and place_id = :p and criterion_id = :c""")
					.param("r", first).param("p", o.place().id()).param("c", o.criterion().id()).query(Long.class).single();
			CaseView view = cases.find(caseId).orElseThrow();
			assertThat(view.source()).isEqualTo(CaseSource.ASSESSMENT);
			String category = o.criterion().category() == null || o.criterion().category().equals("NO_SUCH_CATEGORY")
					? "PUBLIC_BEHAVIOUR" : o.criterion().category();
			assertThat(view.categoryCode()).isEqualTo(category);
			assertThat(view.regionCode()).isEqualTo(o.place().regionCode());
			assertThat(view.description()).contains(o.place().name()).contains(o.criterion().code())
					.contains("测试十一月测评" + suffix).contains(o.note());
			assertThat(view.latitude()).isEqualByComparingTo("23.05");
			assertThat(photos.list(caseId)).hasSize(o == withPhoto ? 1 : 0);
		}
		int assessmentCases = casesOf(first);
		assertThat(assessmentCases).isEqualTo(failed.size());

		// a second delivery of the event, and a direct retry, create nothing
		transactions.executeWithoutResult(tx -> events
				.publishEvent(new RoundClosed(first, "44.4412.", "test", OffsetDateTime.now(ZoneOffset.UTC))));
		assertThat(handovers.handOver(first).created()).isZero();
		Thread.sleep(1500);
		assertThat(casesOf(first)).isEqualTo(failed.size());
		assertThat(handed(first)).isEqualTo(failed.size());
		// the page and the report count every problem found and handed over, not the length of a list
		assertThat(scores.problems(scores.round(first).orElseThrow(), regions.find("4412").orElseThrow().scope()))
				.isEqualTo(new Scores.Problems(failed.size(), failed.size()));

		// the page, its drill-down and the report
		mvc.perform(get("/admin/assessment/rounds/" + first + "/scores").with(cityOffice())).andExpect(status().isOk())
				.andExpect(content().string(containsString(expectedRate.toPlainString() + "%")))
				.andExpect(content().string(containsString(regions.find(expectedOrder.get(0)).orElseThrow().name())));
		Place someone = places.get(0);
		String town = someone.regionPath().split("\\.")[3];
		mvc.perform(get("/admin/assessment/rounds/" + first + "/scores").param("region", town).with(cityOffice())
				.param("lang", "en")).andExpect(status().isOk()).andExpect(content().string(containsString(someone.name())))
				.andExpect(content().string(containsString("Sampled places")));
		mvc.perform(get("/admin/assessment/rounds/" + first + "/scores").param("region", "441202").param("lang", "zh-TW")
				.with(cityOffice())).andExpect(status().isOk()).andExpect(content().string(containsString("各鎮（街道）排名")));
		byte[] pdf = mvc.perform(get("/admin/assessment/rounds/" + first + "/report.pdf").with(cityOffice()))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		byte[] xlsx = mvc.perform(get("/admin/assessment/rounds/" + first + "/report.xlsx").with(cityOffice()))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		assertThat(xlsx[0]).isEqualTo((byte) 'P');
		assertThat(xlsx[1]).isEqualTo((byte) 'K');
		mvc.perform(get("/api/v1/assessment/rounds/" + first + "/handovers").with(cityOffice()))
				.andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(failed.size()));
		mvc.perform(get("/api/v1/assessment/rounds/" + first + "/worst-criteria").with(cityOffice()))
				.andExpect(status().isOk()).andExpect(jsonPath("$[0].failed").isNumber());

		// the next round: its places show the cases handed over before (回头看), and the report counts those fixed since
		long next = openRound("测试十二月测评", 12, 1);
		Observed fixedOne = failed.get(0);
		long fixedCase = jdbc.sql("""
				select case_id from assessment_handover where round_id = :r and place_id = :p and criterion_id = :c""")
				.param("r", first).param("p", fixedOne.place().id()).param("c", fixedOne.criterion().id())
				.query(Long.class).single();
		jdbc.sql("update rectification_case set status = 'CLOSED', closed_at = now() where id = :id").param("id", fixedCase)
				.update();
		List<Scores.Handed> atPlace = scores.handedAtPlace(fixedOne.place().id(), next);
		assertThat(atPlace).extracting(Scores.Handed::criterionCode)
				.containsExactlyInAnyOrderElementsOf(failed.stream().filter(o -> o.place().equals(fixedOne.place()))
						.map(o -> o.criterion().code()).toList());
		assertThat(atPlace).filteredOn(Scores.Handed::fixed).extracting(Scores.Handed::caseId).containsExactly(fixedCase);
		observe(next, 99);
		mvc.perform(get("/api/v1/assessment/rounds/" + next + "/scores").with(cityOffice())).andExpect(status().isOk())
				.andExpect(jsonPath("$.fixedSince.previous.id").value(first))
				.andExpect(jsonPath("$.fixedSince.handed").value(failed.size()))
				.andExpect(jsonPath("$.fixedSince.fixed").value(1));
		// the trend holds both rounds, the open one provisional
		mvc.perform(get("/api/v1/assessment/rounds/" + next + "/trend").with(cityOffice())).andExpect(status().isOk())
				.andExpect(jsonPath("$.series[0].code").value(CITY));
		Map<Long, Integer> positions = new HashMap<>();
		List<Integer> ids = JsonPath.read(mvc.perform(get("/api/v1/assessment/rounds/" + next + "/trend").with(cityOffice()))
				.andReturn().getResponse().getContentAsString(), "$.rounds[*].id");
		for (int i = 0; i < ids.size(); i++) {
			positions.put(ids.get(i).longValue(), i);
		}
		assertThat(positions.get(first)).isLessThan(positions.get(next));

		// the public dashboard and the cockpit show the latest closed round, its ranking and the trend
		String best = regions.find(expectedOrder.get(0)).orElseThrow().name();
		mvc.perform(get("/dashboard").with(cityOffice())).andExpect(status().isOk())
				.andExpect(content().string(containsString("测试十一月测评" + suffix)))
				.andExpect(content().string(containsString("测试十二月测评" + suffix + " *")))
				.andExpect(content().string(containsString(expectedRate.toPlainString() + "%")))
				.andExpect(content().string(containsString(best)));
		mvc.perform(get("/admin/insight").with(cityOffice())).andExpect(status().isOk())
				.andExpect(content().string(containsString("测试十一月测评" + suffix)))
				.andExpect(content().string(containsString("/admin/assessment/scores")));
		mvc.perform(get("/admin/assessment/scores").with(cityOffice())).andExpect(status().isOk())
				.andExpect(content().string(containsString("/admin/assessment/rounds/" + first + "/scores")));
	}

	private int casesOf(long round) {
		return jdbc.sql("select count(*) from rectification_case where source = 'ASSESSMENT' and reported_by = :by")
				.param("by", "assessment:round-" + round).query(Integer.class).single();
	}

	@Test
	void aCountySeesNothingOfARoundBeforeItOpensAndNothingOfAnotherCounty() throws Exception {
		long round = openRound("测试抽样未公开", 10, 1);
		jdbc.sql("update assessment_round set status = 'DRAWN', opened_at = null where id = :r").param("r", round).update();
		RequestPostProcessor county = users.staff("441202", Roles.OFFICE_STAFF);
		mvc.perform(get("/admin/assessment/scores").with(county)).andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.not(containsString("测试抽样未公开" + suffix))));
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/scores").with(county)).andExpect(status().isNotFound());
		mvc.perform(get("/admin/assessment/rounds/" + round + "/scores").with(county)).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from security_event where type = 'OUT_OF_SCOPE' and detail like :d")
				.param("d", "assessment_round " + round + " via %").query(Integer.class).single()).isEqualTo(2);
		// the city office sees it
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/scores").with(cityOffice())).andExpect(status().isOk());

		jdbc.sql("update assessment_round set status = 'OPEN', opened_at = now() where id = :r").param("r", round).update();
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/scores").with(county)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/scores").param("region", "441203").with(county))
				.andExpect(status().isNotFound());
		for (String path : new String[] { "/admin/assessment/rounds/" + round + "/scores",
				"/admin/assessment/rounds/" + round + "/report.pdf", "/admin/assessment/rounds/" + round + "/report.xlsx",
				"/api/v1/assessment/rounds/" + round + "/places", "/api/v1/assessment/rounds/" + round + "/worst-criteria",
				"/api/v1/assessment/rounds/" + round + "/handovers" }) {
			mvc.perform(get(path).param("region", "441203").with(county)).andExpect(status().isNotFound());
			mvc.perform(get(path).param("region", "441203").with(cityOffice())).andExpect(status().isOk());
		}
		// their own county's lines only, and the round listed now that it is open
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/places").with(county)).andExpect(status().isOk())
				.andExpect(jsonPath("$[*].regionCode", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("441202"))))
				.andExpect(jsonPath("$.length()").value(3));
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/trend").with(county)).andExpect(status().isOk())
				.andExpect(jsonPath("$.series[*].code", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("441202"))));
		mvc.perform(get("/admin/assessment/scores").with(county)).andExpect(status().isOk())
				.andExpect(content().string(containsString("/admin/assessment/rounds/" + round + "/scores")));
	}

	@Test
	void badInputIsRefusedNamingTheField() throws Exception {
		long round = openRound("测试错误输入", 9, 1);
		// the house rule: an id that is not a positive number is simply not found
		mvc.perform(get("/api/v1/assessment/rounds/abc/scores").with(cityOffice())).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/scores").param("region", "44'12").with(cityOffice()))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("region")));
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/worst-criteria").param("limit", "-1")
				.with(cityOffice())).andExpect(status().isBadRequest()).andExpect(content().string(containsString("limit")));
		mvc.perform(get("/api/v1/assessment/rounds/999999999/scores").with(cityOffice())).andExpect(status().isNotFound());
		mvc.perform(get("/admin/assessment/rounds/" + round + "/scores").param("region", "x").with(cityOffice()))
				.andExpect(status().isBadRequest());
		// a region outside the round's city
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/scores").param("region", "4401").with(cityOffice()))
				.andExpect(status().isNotFound());
		// not office staff
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/scores").with(users.staff(CITY, Roles.INSPECTOR)))
				.andExpect(status().isForbidden());
		// a round with nothing observed yet has no rate, not a zero
		mvc.perform(get("/api/v1/assessment/rounds/" + round + "/scores").with(cityOffice())).andExpect(status().isOk())
				.andExpect(jsonPath("$.total.rate").doesNotExist()).andExpect(jsonPath("$.total.places").value(0));
	}

	static byte[] jpeg() throws Exception {
		BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, 64, 48);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpg", out);
		return out.toByteArray();
	}

}
