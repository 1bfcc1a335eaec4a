package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

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
import org.wenming.honor.notice.Comments;
import org.wenming.honor.notice.NoticeClient;
import org.wenming.honor.notice.NoticeFixtures;
import org.wenming.honor.notice.NoticeProperties;
import org.wenming.honor.roll.RollFixtures;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopeViolation;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * The honours staff workflow by JSON ({@link DataScopeEndpointsTest#HONOR_STAFF_API}): publication, rejection and
 * the province's and the nation's picks (the city office's), comment moderation (the office in scope). Every
 * endpoint refused to anonymous (401), to a site administrator (403) and out of scope (a county office on the
 * roll 403; another city's office or another county's comment 404 with a security event, or 400 naming the
 * nomination in a publication) with nothing stored; the city office's steps by HTTP, with bad input naming the
 * field. And the proof-of-work challenges limited per address block: the N+1st in the minute is 429.
 */
@WenmingTest
@RecordApplicationEvents
class HonorStaffApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	@Autowired
	Comments comments;

	@Autowired
	NoticeProperties noticeProperties;

	@Autowired
	ApplicationEvents events;

	RollFixtures fx;

	TestUsers users;

	/** 端州区's records: a nomination in review (consented), a published one, a pending comment. */
	record Fixture(long inReview, String inReviewName, long published, String publishedName, long comment,
			String commentBody) {
	}

	enum Shape {
		LIST, RECORD, CREATE
	}

	record Probe(String endpoint, Shape shape, Function<Fixture, MockHttpServletRequestBuilder> request) {
	}

	static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	static final List<Probe> PROBES = List.of(
			new Probe("GET /api/v1/honor/roll/review", Shape.LIST, f -> get("/api/v1/honor/roll/review")),
			new Probe("GET /api/v1/honor/roll/entries", Shape.LIST, f -> get("/api/v1/honor/roll/entries")),
			new Probe("POST /api/v1/honor/roll/publications", Shape.CREATE, f -> json(post("/api/v1/honor/roll/publications"),
					"{\"quarter\":\"2026Q4\",\"nominationIds\":[" + f.inReview() + "]}")),
			new Probe("POST /api/v1/honor/roll/{nominationId}/rejection", Shape.RECORD,
					f -> json(post("/api/v1/honor/roll/" + f.inReview() + "/rejection"), "{\"reason\":\"探针理由\"}")),
			new Probe("POST /api/v1/honor/roll/picks", Shape.RECORD, f -> json(post("/api/v1/honor/roll/picks"),
					"{\"nominationId\":" + f.published() + ",\"honour\":\"PROVINCE_GOOD\",\"period\":\"2026Q4\","
							+ "\"decisionDocument\":\"粤文明办〔2026〕99号\"}")),
			new Probe("GET /api/v1/honor/comments", Shape.LIST, f -> get("/api/v1/honor/comments")),
			new Probe("POST /api/v1/honor/comments/{id}/decision", Shape.RECORD,
					f -> json(post("/api/v1/honor/comments/" + f.comment() + "/decision"), "{\"decision\":\"APPROVE\"}")));

	Fixture duanzhou;

	@BeforeEach
	void setUp() {
		fx = new RollFixtures(jdbc, regions, seal);
		users = fx.users();
		String tag = RollFixtures.tag();
		String reviewName = "端州待审" + tag;
		long review = fx.nomination(RollFixtures.VILLAGE, "REVIEW", null, "2026Q4", reviewName);
		fx.consent(review, "GIVEN");
		String publishedName = "端州已发" + tag;
		long published = fx.nomination(RollFixtures.VILLAGE, "PUBLISHED", null, "2026Q4", publishedName);
		fx.consent(published, "GIVEN");
		jdbc.sql("""
				insert into honor_roll_entry (nomination_id, honour, period, published_by, published_at)
				values (:n, 'CITY_GOOD', '2026Q4', 'test', now())""").param("n", published).update();
		String body = "端州评议" + tag;
		long nominee = new NoticeFixtures(jdbc).openNominee("端州公示" + tag);
		long comment = comments.post(nominee, body, null, new NoticeClient(null, "10.9.8.7", null, "Mozilla/5.0"));
		duanzhou = new Fixture(review, reviewName, published, publishedName, comment, body);
	}

	@Test
	void everyEndpointIsProbed() {
		TreeSet<String> probed = new TreeSet<>();
		PROBES.forEach(p -> probed.add(p.endpoint()));
		assertThat(probed).isEqualTo(new TreeSet<>(DataScopeEndpointsTest.HONOR_STAFF_API));
	}

	Map<String, Object> snapshot() {
		return jdbc.sql("""
				select (select count(*) from honor_roll_entry) as entries,
				       (select count(*) from honor_vetting) as decisions,
				       (select status from honor_nomination where id = :r) as review,
				       (select status from honor_nomination where id = :p) as published,
				       (select status || coalesce(moderated_by, '-') from honor_comment where id = :c) as comment""")
			.param("r", duanzhou.inReview()).param("p", duanzhou.published()).param("c", duanzhou.comment())
			.query().singleRow();
	}

	@Test
	void anonymousAndSiteAdministratorsAreRefused() throws Exception {
		Map<String, Object> before = snapshot();
		RequestPostProcessor siteAdmin = users.staff("441202", Roles.SITE_ADMIN);
		List<String> failures = new ArrayList<>();
		for (Probe probe : PROBES) {
			int anonymous = mvc.perform(probe.request().apply(duanzhou)).andReturn().getResponse().getStatus();
			if (anonymous != 401 && anonymous != 403) {
				failures.add(probe.endpoint() + " anonymous: " + anonymous);
			}
			int admin = mvc.perform(probe.request().apply(duanzhou).with(siteAdmin)).andReturn().getResponse().getStatus();
			if (admin != 403) {
				failures.add(probe.endpoint() + " site administrator: " + admin);
			}
		}
		assertThat(failures).isEmpty();
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void outOfScopeIsRefusedAndNothingLeaksOrChanges() throws Exception {
		Map<String, Object> before = snapshot();
		RequestPostProcessor dinghu = users.staff(RollFixtures.OTHER_COUNTY, Roles.OFFICE_STAFF);
		RequestPostProcessor otherCity = users.staff("4406", Roles.OFFICE_STAFF);
		List<String> failures = new ArrayList<>();
		for (Probe probe : PROBES) {
			boolean roll = probe.endpoint().contains("/roll");
			// a county office: the roll is the city's (403); a comment of another county is not found
			check(probe, dinghu, roll ? null : probe.shape(), failures, "鼎湖区");
			// another city's office: the roll in its own scope only
			if (roll) {
				check(probe, otherCity, probe.shape(), failures, "another city");
			}
		}
		assertThat(failures).isEmpty();
		assertThat(snapshot()).isEqualTo(before);
	}

	/** {@code shape} null: the role is refused (403). */
	private void check(Probe probe, RequestPostProcessor who, Shape shape, List<String> failures, String name)
			throws Exception {
		long violations = events.stream(ScopeViolation.class).count();
		MvcResult result = mvc.perform(probe.request().apply(duanzhou).with(who)).andReturn();
		int status = result.getResponse().getStatus();
		String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		boolean leaks = body.contains(duanzhou.inReviewName()) || body.contains(duanzhou.publishedName())
				|| body.contains(duanzhou.commentBody());
		boolean refused = shape == null ? status == 403 : switch (shape) {
			case LIST -> status == 200;
			case RECORD -> status == 404 && events.stream(ScopeViolation.class).count() > violations;
			case CREATE -> status == 400 && body.contains("nominationIds[0]");
		};
		if (!refused || leaks) {
			failures.add(probe.endpoint() + " " + name + ": " + status + (leaks ? " (leaks)" : ""));
		}
	}

	@Test
	void theCityOfficePublishesPicksAndRejectsByJson() throws Exception {
		RequestPostProcessor city = users.staff(RollFixtures.CITY, Roles.OFFICE_STAFF);
		long second = fx.nomination(RollFixtures.VILLAGE, "REVIEW", null, "2026Q4");
		fx.consent(second, "GIVEN");
		mvc.perform(get("/api/v1/honor/roll/review").with(city)).andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + duanzhou.inReview() + ")].consented").value(true));
		Map<String, Object> before = snapshot();
		// bad input names the field, nothing stored
		mvc.perform(json(post("/api/v1/honor/roll/publications"), "{\"quarter\":\"2026\",\"nominationIds\":["
				+ duanzhou.inReview() + "]}").with(city)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("quarter"));
		mvc.perform(json(post("/api/v1/honor/roll/publications"), "{\"quarter\":\"2026Q4\",\"nominationIds\":[\"x\"]}")
			.with(city)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("nominationIds[0]"));
		mvc.perform(json(post("/api/v1/honor/roll/publications"), "{\"quarter\":\"2026Q4\",\"nominationIds\":["
				+ duanzhou.inReview() + "," + duanzhou.published() + "]}").with(city)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nominationIds[1]"));
		mvc.perform(json(post("/api/v1/honor/roll/publications"), "{\"quarter\":\"2026Q4\",\"nominationIds\":[]}")
			.with(city)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("nominationIds"));
		// no CSRF token: refused
		mvc.perform(post("/api/v1/honor/roll/publications").contentType(MediaType.APPLICATION_JSON)
			.content("{\"quarter\":\"2026Q4\",\"nominationIds\":[" + duanzhou.inReview() + "]}").with(city))
			.andExpect(status().isForbidden());
		mvc.perform(json(post("/api/v1/honor/roll/" + second + "/rejection"), "{\"reason\":\" \"}").with(city))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
		mvc.perform(json(post("/api/v1/honor/roll/picks"), "{\"nominationId\":" + duanzhou.published()
				+ ",\"honour\":\"PROVINCE_GOOD\",\"period\":\"2026Q4\"}").with(city)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("decisionDocument"));
		mvc.perform(json(post("/api/v1/honor/roll/picks"), "{\"nominationId\":" + duanzhou.published()
				+ ",\"honour\":\"KING\",\"period\":\"2026Q4\",\"decisionDocument\":\"x\"}").with(city))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("honour"));
		mvc.perform(json(post("/api/v1/honor/roll/picks"), "{\"nominationId\":\"" + duanzhou.published()
				+ "\",\"honour\":\"PROVINCE_GOOD\",\"period\":\"2026Q4\",\"decisionDocument\":\"x\"}").with(city))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("nominationId"));
		mvc.perform(json(post("/api/v1/honor/roll/picks"), "{\"nominationId\":" + duanzhou.published()
				+ ",\"honour\":\"NATION_GOOD\",\"period\":\"2026Q4\",\"decisionDocument\":\"文明办函〔2026〕1号\"}").with(city))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("honour"));
		assertThat(snapshot()).isEqualTo(before);

		// publication: 201 with the entries
		mvc.perform(json(post("/api/v1/honor/roll/publications"), "{\"quarter\":\"2026Q4\",\"nominationIds\":["
				+ duanzhou.inReview() + "]}").with(city)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.quarter").value("2026Q4")).andExpect(jsonPath("$.entryIds.length()").value(1));
		assertThat(fx.status(duanzhou.inReview())).isEqualTo("PUBLISHED");
		// published already: 400 naming it, nothing more
		mvc.perform(json(post("/api/v1/honor/roll/publications"), "{\"quarter\":\"2026Q4\",\"nominationIds\":["
				+ duanzhou.inReview() + "]}").with(city)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nominationIds[0]"));
		// the province's pick, then the nation's
		mvc.perform(json(post("/api/v1/honor/roll/picks"), "{\"nominationId\":" + duanzhou.inReview()
				+ ",\"honour\":\"PROVINCE_GOOD\",\"period\":\"2026Q4\",\"decisionDocument\":\"粤文明办〔2026〕12号\"}")
			.with(city)).andExpect(status().isCreated()).andExpect(jsonPath("$.honour").value("PROVINCE_GOOD"));
		mvc.perform(json(post("/api/v1/honor/roll/picks"), "{\"nominationId\":" + duanzhou.inReview()
				+ ",\"honour\":\"NATION_GOOD\",\"period\":\"2027Q1\",\"decisionDocument\":\"文明办函〔2027〕3号\"}")
			.with(city)).andExpect(status().isCreated()).andExpect(jsonPath("$.period").value("2027Q1"));
		assertThat(jdbc.sql("select honour from honor_roll_entry where nomination_id = :n order by id")
			.param("n", duanzhou.inReview()).query(String.class).list())
			.containsExactly("CITY_GOOD", "PROVINCE_GOOD", "NATION_GOOD");
		mvc.perform(get("/api/v1/honor/roll/entries").param("size", "500").with(city)).andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.nominationId == " + duanzhou.inReview() + ")].honour").isArray());
		mvc.perform(get("/api/v1/honor/roll/entries").param("size", "501").with(city))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
		// the other one rejected with a reason; once decided, 409
		mvc.perform(json(post("/api/v1/honor/roll/" + second + "/rejection"), "{\"reason\":\"异议成立\"}").with(city))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REJECTED"));
		assertThat(fx.status(second)).isEqualTo("REJECTED");
		mvc.perform(json(post("/api/v1/honor/roll/" + second + "/rejection"), "{\"reason\":\"异议成立\"}").with(city))
			.andExpect(status().isConflict());
	}

	@Test
	void theOfficeModeratesCommentsByJson() throws Exception {
		RequestPostProcessor county = users.staff(RollFixtures.COUNTY, Roles.OFFICE_STAFF);
		mvc.perform(get("/api/v1/honor/comments").with(county)).andExpect(status().isOk())
			.andExpect(jsonPath("$.items[?(@.id == " + duanzhou.comment() + ")].body").value(duanzhou.commentBody()));
		Map<String, Object> before = snapshot();
		mvc.perform(json(post("/api/v1/honor/comments/" + duanzhou.comment() + "/decision"), "{\"decision\":\"MAYBE\"}")
			.with(county)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("decision"));
		mvc.perform(json(post("/api/v1/honor/comments/" + duanzhou.comment() + "/decision"), "{}").with(county))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("decision"));
		mvc.perform(json(post("/api/v1/honor/comments/" + duanzhou.comment() + "/decision"), "{\"decision\":true}")
			.with(county)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("decision"));
		mvc.perform(json(post("/api/v1/honor/comments/abc/decision"), "{\"decision\":\"APPROVE\"}").with(county))
			.andExpect(status().isNotFound());
		assertThat(snapshot()).isEqualTo(before);
		mvc.perform(json(post("/api/v1/honor/comments/" + duanzhou.comment() + "/decision"), "{\"decision\":\"APPROVE\"}")
			.with(county)).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));
		assertThat(jdbc.sql("select status from honor_comment where id = :id").param("id", duanzhou.comment())
			.query(String.class).single()).isEqualTo("APPROVED");
		mvc.perform(json(post("/api/v1/honor/comments/" + duanzhou.comment() + "/decision"), "{\"decision\":\"REJECT\"}")
			.with(county)).andExpect(status().isConflict());
		assertThat(jdbc.sql("select status from honor_comment where id = :id").param("id", duanzhou.comment())
			.query(String.class).single()).isEqualTo("APPROVED");
	}

	@Test
	void challengesAreLimitedPerAddressBlock() throws Exception {
		long nominee = new NoticeFixtures(jdbc).openNominee("挑战限额" + RollFixtures.tag());
		int max = noticeProperties.challengesPerMinute();
		// the window is a fixed minute: a run that straddles two minutes is tried again
		for (int attempt = 0;; attempt++) {
			String address = "10." + ThreadLocalRandom.current().nextInt(1, 255) + "."
					+ ThreadLocalRandom.current().nextInt(1, 255) + ".";
			long minute = Instant.now().getEpochSecond() / 60;
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i <= max; i++) {
				String from = address + (i % 200 + 1); // other hosts of the same /24 count together
				statuses.add(mvc.perform(get("/api/v1/honor/pow").param("nomination", Long.toString(nominee))
					.with(r -> {
						r.setRemoteAddr(from);
						return r;
					})).andReturn().getResponse().getStatus());
			}
			if (Instant.now().getEpochSecond() / 60 != minute && attempt < 2) {
				continue;
			}
			assertThat(statuses.subList(0, max)).containsOnly(200);
			assertThat(statuses.get(max)).isEqualTo(429);
			String last = address + "250";
			mvc.perform(get("/api/v1/honor/pow").param("nomination", Long.toString(nominee)).with(r -> {
				r.setRemoteAddr(last);
				return r;
			})).andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"))
				.andExpect(result -> assertThat(Long.parseLong(result.getResponse().getHeader("Retry-After")))
					.isBetween(1L, 60L));
			// another block is not held up
			String other = "172.16." + ThreadLocalRandom.current().nextInt(1, 255) + ".1";
			mvc.perform(get("/api/v1/honor/pow").param("nomination", Long.toString(nominee)).with(r -> {
				r.setRemoteAddr(other);
				return r;
			})).andExpect(status().isOk());
			break;
		}
	}
}
