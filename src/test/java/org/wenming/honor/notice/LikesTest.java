package org.wenming.honor.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import tools.jackson.databind.ObjectMapper;

/**
 * Likes on the real database: one per person per nominee per day, the address block's daily cap, the proof of
 * work (valid, missing, forged, expired, replayed, for another nominee), automated clients and clients without a
 * session kept as suspects that staff see, 200 concurrent likers counted exactly, and the period and consent
 * rules (409 outside an open period, 404 once the consent is withdrawn).
 */
@WenmingTest
class LikesTest {

	private static final String BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36";

	private static final AtomicLong USERS = new AtomicLong(7_000_000 + ThreadLocalRandom.current().nextInt(1_000_000));

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Likes likes;

	@Autowired
	LikeSuspects suspects;

	@Autowired
	ProofOfWork proofs;

	@Autowired
	NoticeProperties properties;

	@Autowired
	Regions regions;

	@Autowired
	ObjectMapper json;

	NoticeFixtures fixtures;

	TestUsers users;

	@BeforeEach
	void setUp() {
		fixtures = new NoticeFixtures(jdbc);
		users = new TestUsers(regions);
	}

	static String address() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(250));
	}

	ScopedUser person() {
		return users.principal(USERS.incrementAndGet(), "441202", Roles.VOLUNTEER);
	}

	long counted(long nomination) {
		return fixtures.count("select count(*) from honor_like where nomination_id = :id and counted", nomination);
	}

	long stripes(long nomination) {
		return fixtures.count("select coalesce(sum(likes), 0) from honor_like_count where nomination_id = :id", nomination);
	}

	String suspect(long nomination) {
		return jdbc.sql("select string_agg(suspect, ',' order by suspect) from honor_like where nomination_id = :id and not counted")
				.param("id", nomination).query(String.class).single();
	}

	Likes.LikeRequest anonymous(long nomination, String address, String session, boolean solve) {
		if (!solve) {
			return new Likes.LikeRequest(nomination, new NoticeClient(null, address, session, BROWSER), null, null);
		}
		ProofOfWork.Challenge challenge = likes.challenge(nomination);
		return new Likes.LikeRequest(nomination, new NoticeClient(null, address, session, BROWSER),
				challenge.challenge(), ProofOfWork.solve(challenge.challenge(), challenge.bits()));
	}

	@Test
	void aSignedInPersonLikesANomineeOnceADay() {
		long nomination = fixtures.openNominee("一天一次");
		ScopedUser person = person();
		NoticeClient client = new NoticeClient(person, address(), null, BROWSER);
		Instant now = Instant.now();
		Likes.LikeOutcome first = likes.like(new Likes.LikeRequest(nomination, client, null, null), now);
		assertThat(first.counted()).isTrue();
		assertThat(first.likes()).isEqualTo(1);
		// from another address and browser the same day: the account is the person
		Likes.LikeOutcome again = likes.like(new Likes.LikeRequest(nomination,
				new NoticeClient(person, address(), "other-session", BROWSER), null, null), now.plusSeconds(60));
		assertThat(again.counted()).isFalse();
		assertThat(again.already()).isTrue();
		assertThat(counted(nomination)).isEqualTo(1);
		assertThat(stripes(nomination)).isEqualTo(1);
		// the next day in Shanghai: counted again
		Likes.LikeOutcome tomorrow = likes.like(new Likes.LikeRequest(nomination, client, null, null),
				now.plus(1, ChronoUnit.DAYS));
		assertThat(tomorrow.counted()).isTrue();
		assertThat(tomorrow.likes()).isEqualTo(2);
		assertThat(counted(nomination)).isEqualTo(2);
		assertThat(stripes(nomination)).isEqualTo(2);
	}

	@Test
	void oneAddressBlockGivesAtMostTheCapOfCountedAnonymousLikesADay() {
		long nomination = fixtures.openNominee("地址上限");
		long second = fixtures.openNominee("地址上限二");
		String address = address();
		int cap = properties.addressCap();
		for (int i = 0; i < cap + 1; i++) {
			// other browsers in the same /24, across two nominees
			String neighbour = address.substring(0, address.lastIndexOf('.') + 1) + (1 + i % 250);
			likes.like(anonymous(i % 2 == 0 ? nomination : second, neighbour, "cap-session-" + i + "-" + address, true));
		}
		assertThat(counted(nomination) + counted(second)).isEqualTo(cap);
		assertThat(stripes(nomination) + stripes(second)).isEqualTo(cap);
		assertThat(fixtures.count("""
				select count(*) from honor_like where nomination_id in (:id, :id + 0) and suspect = 'ADDRESS_CAP'""",
				nomination) + fixtures.count("select count(*) from honor_like where nomination_id = :id and suspect = 'ADDRESS_CAP'",
						second)).isEqualTo(1);
		// another block is not held back by it
		assertThat(likes.like(anonymous(nomination, "10.201.0.7".equals(address) ? "10.202.0.7" : "172.16.9.7",
				"cap-other-" + address, true)).counted()).isTrue();
	}

	@Test
	void theProofOfWorkDecidesWhetherAnAnonymousLikeCounts() {
		long nomination = fixtures.openNominee("工作量证明");
		long other = fixtures.openNominee("别的候选人");
		String address = address();
		// valid
		Likes.LikeRequest valid = anonymous(nomination, address, "pow-valid-" + address, true);
		assertThat(likes.like(valid).counted()).isTrue();
		// replayed by another session: the challenge was spent
		Likes.LikeOutcome replayed = likes.like(new Likes.LikeRequest(nomination,
				new NoticeClient(null, address, "pow-replay-" + address, BROWSER), valid.challenge(), valid.counter()));
		assertThat(replayed.suspect()).isTrue();
		// missing
		assertThat(likes.like(anonymous(nomination, address, "pow-missing-" + address, false)).suspect()).isTrue();
		// forged: a counter that does not solve it
		ProofOfWork.Challenge challenge = likes.challenge(nomination);
		String solution = ProofOfWork.solve(challenge.challenge(), challenge.bits());
		String wrong = Long.toString(Long.parseLong(solution) == 0 ? 1 : 0);
		assertThat(likes.like(new Likes.LikeRequest(nomination,
				new NoticeClient(null, address, "pow-forged-" + address, BROWSER), challenge.challenge(), wrong)).suspect())
				.isTrue();
		// expired: the same solved challenge, sent after its lifetime
		ProofOfWork.Challenge late = likes.challenge(nomination);
		Likes.LikeOutcome expired = likes.like(new Likes.LikeRequest(nomination,
				new NoticeClient(null, address, "pow-expired-" + address, BROWSER), late.challenge(),
				ProofOfWork.solve(late.challenge(), late.bits())), Instant.now().plus(properties.powLifetime()).plusSeconds(5));
		assertThat(expired.suspect()).isTrue();
		// solved for another nominee
		Likes.LikeRequest forOther = anonymous(other, address, "pow-wrong-" + address, true);
		assertThat(likes.like(new Likes.LikeRequest(nomination, forOther.client(), forOther.challenge(),
				forOther.counter())).suspect()).isTrue();
		assertThat(counted(nomination)).isEqualTo(1);
		assertThat(stripes(nomination)).isEqualTo(1);
		assertThat(suspect(nomination)).isEqualTo("BAD_PROOF,BAD_PROOF,BAD_PROOF,NO_PROOF,REPLAYED");
	}

	@Test
	void automatedClientsAndClientsWithoutASessionAreKeptAsSuspectsThatStaffSee() throws Exception {
		long nomination = fixtures.openNominee("可疑点赞");
		String address = address();
		Likes.LikeRequest solved = anonymous(nomination, address, "headless-" + address, true);
		Likes.LikeOutcome headless = likes.like(new Likes.LikeRequest(nomination, new NoticeClient(null, address,
				"headless-" + address, "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0 Safari/537.36"),
				solved.challenge(), solved.counter()));
		assertThat(headless.suspect()).isTrue();
		// a signed-in script is no person either (as the API takes it: one statement with the rate)
		assertThat(likes.likeWithinRate(new Likes.LikeRequest(nomination, new NoticeClient(person(), address, null,
				"python-requests/2.32.3"), null, null)).suspect()).isTrue();
		// over HTTP without a session: no CSRF token needed (nothing to ride on), 202 and not why
		Likes.LikeRequest sessionless = anonymous(nomination, address, null, true);
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/likes").header("User-Agent", BROWSER)
				.with(r -> {
					r.setRemoteAddr(address);
					return r;
				}).contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("challenge", sessionless.challenge(), "counter",
						sessionless.counter()))))
				.andExpect(status().isAccepted()).andExpect(content().json("{\"counted\":false}", true));
		// curl is answered the same
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/likes").header("User-Agent", "curl/8.5.0"))
				.andExpect(status().isAccepted()).andExpect(content().json("{\"counted\":false}", true));
		assertThat(counted(nomination)).isZero();
		assertThat(stripes(nomination)).isZero();
		// the headless browser, the signed-in script, curl; and the browser without a session
		assertThat(suspect(nomination)).isEqualTo("HEADLESS,HEADLESS,HEADLESS,NO_SESSION");
		LikeSuspects.NomineeLikes seen = suspects.byNominee(users.staffPrincipal("441202", Roles.OFFICE_STAFF)).stream()
				.filter(n -> n.nominationId() == nomination).findFirst().orElseThrow();
		assertThat(seen.headless()).isEqualTo(3);
		assertThat(seen.noSession()).isEqualTo(1);
		assertThat(seen.counted()).isZero();
		// another county's office does not see the nominee
		assertThat(suspects.byNominee(users.staffPrincipal("441203", Roles.OFFICE_STAFF)))
				.noneMatch(n -> n.nominationId() == nomination);
		// the staff page shows hash prefixes, never the address
		String page = mvc.perform(get("/admin/honor/likes").with(users.staff("441202", Roles.OFFICE_STAFF)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("可疑点赞").doesNotContain(address);
		mvc.perform(get("/admin/honor/likes").with(users.staff("441202", Roles.SITE_ADMIN)))
				.andExpect(status().isForbidden());
	}

	/** Both ways a like is written at once: the API's signed-in statement (own commit) and the transaction. */
	@Test
	void twoHundredConcurrentLikersAreCountedExactly() throws Exception {
		long nomination = fixtures.openNominee("并发点赞");
		int likers = 200;
		List<ScopedUser> people = new ArrayList<>();
		for (int i = 0; i < likers; i++) {
			people.add(person());
		}
		ExecutorService pool = Executors.newFixedThreadPool(likers);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Likes.LikeOutcome>> outcomes = new ArrayList<>();
		try {
			for (ScopedUser person : people) {
				boolean api = outcomes.size() % 2 == 0;
				outcomes.add(pool.submit(() -> {
					start.await();
					Likes.LikeRequest like = new Likes.LikeRequest(nomination, new NoticeClient(person, address(), null,
							BROWSER), null, null);
					return api ? likes.likeWithinRate(like) : likes.like(like);
				}));
			}
			start.countDown();
			for (Future<Likes.LikeOutcome> outcome : outcomes) {
				assertThat(outcome.get().counted()).isTrue();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(counted(nomination)).isEqualTo(likers);
		assertThat(stripes(nomination)).isEqualTo(likers);
		assertThat(fixtures.count("select count(*) from honor_like_count where nomination_id = :id", nomination))
				.isGreaterThan(1).isLessThanOrEqualTo(Likes.STRIPES);
	}

	@Test
	void likesAreTakenOnlyInAnOpenPeriodAndOnlyWithConsent() throws Exception {
		Instant now = Instant.now();
		long ended = fixtures.nominee(fixtures.notice(now.minus(10, ChronoUnit.DAYS), now.minus(3, ChronoUnit.DAYS)),
				"441202", "已结束", "已结束的事迹", "故事");
		long coming = fixtures.nominee(fixtures.notice(now.plus(1, ChronoUnit.DAYS), now.plus(8, ChronoUnit.DAYS)),
				"441202", "未开始", "未开始的事迹", "故事");
		for (long nomination : List.of(ended, coming)) {
			mvc.perform(signedIn(post("/api/v1/honor/notice/" + nomination + "/likes"))).andExpect(status().isConflict());
			mvc.perform(get("/api/v1/honor/pow").param("nomination", Long.toString(nomination)))
					.andExpect(status().isConflict());
			assertThat(fixtures.count("select count(*) from honor_like where nomination_id = :id", nomination)).isZero();
		}
		// the open one: liked by a signed-in person, shown on the notice page with its count
		long open = fixtures.openNominee("撤回同意");
		mvc.perform(signedIn(post("/api/v1/honor/notice/" + open + "/likes"))).andExpect(status().isOk())
				.andExpect(jsonPath("$.counted").value(true)).andExpect(jsonPath("$.likes").value(1));
		mvc.perform(get("/honor/notice")).andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.containsString("撤回同意")));
		mvc.perform(get("/api/v1/honor/notice")).andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.containsString("撤回同意")));
		// consent withdrawn: gone from the notice, and its like endpoint does not know it
		fixtures.withdrawConsent(open);
		mvc.perform(get("/honor/notice")).andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("撤回同意"))));
		mvc.perform(get("/honor/notice/" + open)).andExpect(status().isNotFound());
		mvc.perform(signedIn(post("/api/v1/honor/notice/" + open + "/likes"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/honor/pow").param("nomination", Long.toString(open))).andExpect(status().isNotFound());
		assertThatThrownBy(() -> likes.like(new Likes.LikeRequest(open, new NoticeClient(person(), address(), null,
				BROWSER), null, null))).isInstanceOf(RecordNotFound.class);
		assertThat(counted(open)).isEqualTo(1);
	}

	@Test
	void aBrowserLikesWithItsSessionAndCsrfTokenAndIsRateLimited() throws Exception {
		long nomination = fixtures.openNominee("浏览器点赞");
		String address = address();
		// the page gives the browser its session and the CSRF token the script sends
		var page = mvc.perform(get("/honor/notice/" + nomination).with(r -> {
			r.setRemoteAddr(address);
			return r;
		})).andExpect(status().isOk()).andReturn().getResponse();
		Cookie session = page.getCookie("WENMING_SESSION");
		assertThat(session).isNotNull();
		assertThat(page.getContentAsString()).contains("/js/honor-notice.js").contains("id=\"like-button\"");
		String challenge = json.readTree(mvc.perform(get("/api/v1/honor/pow").param("nomination", Long.toString(nomination))
				.cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
				.get("challenge").asString();
		String counter = ProofOfWork.solve(challenge, properties.powBits());
		String body = json.writeValueAsString(Map.of("challenge", challenge, "counter", counter));
		// without the token the session's request is refused
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/likes").cookie(session).header("User-Agent", BROWSER)
				.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/likes").cookie(session).with(csrf())
				.header("User-Agent", BROWSER).with(r -> {
					r.setRemoteAddr(address);
					return r;
				}).contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk())
				.andExpect(jsonPath("$.counted").value(true)).andExpect(jsonPath("$.likes").value(1));
		// the same browser again today: already, count unchanged
		ProofOfWork.Challenge next = likes.challenge(nomination);
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/likes").cookie(session).with(csrf())
				.header("User-Agent", BROWSER).with(r -> {
					r.setRemoteAddr(address);
					return r;
				}).contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("challenge", next.challenge(), "counter",
						ProofOfWork.solve(next.challenge(), next.bits())))))
				.andExpect(status().isOk()).andExpect(jsonPath("$.counted").value(false))
				.andExpect(jsonPath("$.already").value(true)).andExpect(jsonPath("$.likes").value(1));
		// the client's requests per minute: beyond them 429 with Retry-After (counted in the database)
		int sent = 2;
		int status = 0;
		for (; sent <= properties.likesPerMinute() + 1 && status != 429; sent++) {
			status = mvc.perform(post("/api/v1/honor/notice/" + nomination + "/likes").header("User-Agent", BROWSER)
					.with(r -> {
						r.setRemoteAddr(address);
						return r;
					})).andReturn().getResponse().getStatus();
		}
		assertThat(status).isEqualTo(429);
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/likes").with(r -> {
			r.setRemoteAddr(address);
			return r;
		})).andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
		assertThat(counted(nomination)).isEqualTo(1);
	}

	@Test
	void aSignedInPersonsLikesAreRateLimitedAndNothingIsWrittenBeyondTheLimit() throws Exception {
		long nomination = fixtures.openNominee("登录限速");
		long other = fixtures.openNominee("登录限速二");
		ScopedUser person = person();
		NoticeClient client = new NoticeClient(person, address(), null, BROWSER);
		int max = properties.likesPerMinute();
		// all in one minute's window (a few ms a like): start early in a minute
		long second = Instant.now().getEpochSecond() % 60;
		if (second > 45) {
			Thread.sleep((61 - second) * 1000);
		}
		assertThat(likes.likeWithinRate(new Likes.LikeRequest(nomination, client, null, null)).counted()).isTrue();
		for (int i = 2; i <= max; i++) {
			Likes.LikeOutcome again = likes.likeWithinRate(new Likes.LikeRequest(nomination, client, null, null));
			assertThat(again.already()).isTrue();
			assertThat(again.likes()).isEqualTo(1);
		}
		// the window is full: 429 with the time to its end, and the like of another nominee is not written
		assertThatThrownBy(() -> likes.likeWithinRate(new Likes.LikeRequest(other, client, null, null)))
				.isInstanceOfSatisfying(NoticeRateLimitException.class,
						ex -> assertThat(ex.retryAfterSeconds()).isBetween(1L, 60L));
		assertThat(counted(nomination)).isEqualTo(1);
		assertThat(stripes(nomination)).isEqualTo(1);
		assertThat(fixtures.count("select count(*) from honor_like where nomination_id = :id", other)).isZero();
		assertThat(stripes(other)).isZero();
		// another person is not limited by it
		assertThat(likes.likeWithinRate(new Likes.LikeRequest(other, new NoticeClient(person(), address(), null, BROWSER),
				null, null)).likes()).isEqualTo(1);
		// a like of a nominee whose period is over still counts against the rate
		Instant now = Instant.now();
		long ended = fixtures.nominee(fixtures.notice(now.minus(10, ChronoUnit.DAYS), now.minus(3, ChronoUnit.DAYS)),
				"441202", "限速已结束", "已结束的事迹", "故事");
		NoticeClient closing = new NoticeClient(person(), address(), null, BROWSER);
		for (int i = 0; i < max; i++) {
			assertThatThrownBy(() -> likes.likeWithinRate(new Likes.LikeRequest(ended, closing, null, null)))
					.isInstanceOf(NoticeConflictException.class);
		}
		assertThatThrownBy(() -> likes.likeWithinRate(new Likes.LikeRequest(other, closing, null, null)))
				.isInstanceOf(NoticeRateLimitException.class);
		assertThat(stripes(other)).isEqualTo(1);
		// over HTTP: 429 with Retry-After
		mvc.perform(post("/api/v1/honor/notice/" + other + "/likes").with(users.person(person.userId(), "441202",
				Roles.VOLUNTEER)).with(csrf()).header("User-Agent", BROWSER)).andExpect(status().isTooManyRequests())
				.andExpect(header().exists("Retry-After"));
	}

	private MockHttpServletRequestBuilder signedIn(MockHttpServletRequestBuilder request) {
		ScopedUser person = person();
		return request.with(users.person(person.userId(), "441202", Roles.VOLUNTEER)).with(csrf())
				.header("User-Agent", BROWSER);
	}
}
