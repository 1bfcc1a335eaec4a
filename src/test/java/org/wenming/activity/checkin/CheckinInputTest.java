package org.wenming.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.region.Regions;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input to every check-in form and API (malformed, oversized, full-width, emoji, control
 * characters, script): a 4xx naming the field, nothing stored, never a 5xx.
 */
@WenmingTest
class CheckinInputTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<String> JUNK = List.of("", "１２３．４５６．ａｂｃ", "😀😀😀😀😀😀😀😀", "a\u0000b\u0007c",
			"<script>alert(1)</script>", "x".repeat(5000), "1.2.AAAAAAAAAAAAAAAAAAAAAA\n", "'; drop table attendance; --");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Regions regions;

	@Autowired
	CheckinTokens tokens;

	CheckinFixtures fixtures;

	CheckinFixtures.Organizer organizer;

	CheckinFixtures.Person volunteer;

	long shift;

	String token;

	@BeforeEach
	void aShiftUnderWay() {
		fixtures = new CheckinFixtures(jdbc, volunteers, regions);
		organizer = fixtures.team();
		volunteer = fixtures.volunteer();
		Instant now = Instant.now();
		shift = fixtures.shift(organizer, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));
		fixtures.confirmedSignUp(shift, volunteer.volunteerId());
		token = tokens.issue(shift, tokens.slot(now));
	}

	private String failure(String what, MvcResult result, String field) throws Exception {
		int status = result.getResponse().getStatus();
		String body = result.getResponse().getContentAsString();
		if (status < 400 || status >= 500 || (field != null && !body.contains("\"field\":\"" + field + "\""))) {
			return what + " answered " + status + " " + body.substring(0, Math.min(200, body.length()));
		}
		return null;
	}

	private void nothingStored() {
		assertThat(fixtures.attendances(volunteer.volunteerId())).isZero();
		assertThat(fixtures.requests(volunteer.volunteerId())).isZero();
	}

	private MvcResult scanApi(String key, Map<String, Object> body) throws Exception {
		return mvc.perform(post("/api/v1/checkins").with(volunteer.signedIn()).with(csrf())
				.header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(body))).andReturn();
	}

	@Test
	void theScanApiRefusesBadInputNamingTheField() throws Exception {
		List<String> failures = new ArrayList<>();
		String goodKey = UUID.randomUUID().toString();
		for (String junk : JUNK) {
			Map<String, Object> body = new HashMap<>(Map.of("token", junk, "action", "IN"));
			add(failures, failure("token " + junk, scanApi(goodKey, body), "token"));
			add(failures, failure("action " + junk, scanApi(goodKey, Map.of("token", token, "action", junk)), "action"));
			if (!junk.isEmpty()) {
				add(failures, failure("occurredAt " + junk, scanApi(goodKey, Map.of("token", token, "action", "IN",
						"occurredAt", junk)), "occurredAt"));
				add(failures, failure("latitude " + junk, scanApi(goodKey, Map.of("token", token, "action", "IN",
						"latitude", junk, "longitude", 112.4)), "latitude"));
			}
			String header = junk.replaceAll("[\\r\\n\\x00-\\x1f]", "?");
			if (header.chars().allMatch(c -> c < 256)) {
				add(failures, failure("key " + junk, scanApi(header, Map.of("token", token, "action", "IN")),
						"Idempotency-Key"));
			}
		}
		add(failures, failure("short key", scanApi("abc", Map.of("token", token, "action", "IN")), "Idempotency-Key"));
		add(failures, failure("long key", scanApi("k".repeat(65), Map.of("token", token, "action", "IN")),
				"Idempotency-Key"));
		add(failures, failure("latitude 91", scanApi(goodKey, Map.of("token", token, "action", "IN", "latitude", 91,
				"longitude", 112)), "latitude"));
		add(failures, failure("longitude alone", scanApi(goodKey, Map.of("token", token, "action", "IN",
				"longitude", 112)), "latitude"));
		add(failures, failure("no key", mvc.perform(post("/api/v1/checkins").with(volunteer.signedIn()).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + token + "\",\"action\":\"IN\"}"))
				.andReturn(), "Idempotency-Key"));
		add(failures, failure("not JSON", mvc.perform(post("/api/v1/checkins").with(volunteer.signedIn()).with(csrf())
				.header("Idempotency-Key", goodKey).contentType(MediaType.APPLICATION_JSON).content("{token:"))
				.andReturn(), null));
		assertThat(failures).isEmpty();
		nothingStored();
	}

	@Test
	void theScanFormRefusesBadInput() throws Exception {
		List<String> failures = new ArrayList<>();
		for (String junk : JUNK) {
			add(failures, failure("page t " + junk, mvc.perform(get("/checkin").param("t", junk)
					.with(volunteer.signedIn())).andReturn(), null));
			add(failures, failure("form t " + junk, mvc.perform(post("/checkin").with(volunteer.signedIn()).with(csrf())
					.param("t", junk).param("key", UUID.randomUUID().toString()).param("action", "IN")).andReturn(), null));
			add(failures, failure("form key " + junk, mvc.perform(post("/checkin").with(volunteer.signedIn())
					.with(csrf()).param("t", token).param("key", junk).param("action", "IN")).andReturn(), null));
			add(failures, failure("form action " + junk, mvc.perform(post("/checkin").with(volunteer.signedIn())
					.with(csrf()).param("t", token).param("key", UUID.randomUUID().toString()).param("action", junk))
					.andReturn(), null));
			if (!junk.isEmpty()) {
				add(failures, failure("form latitude " + junk, mvc.perform(post("/checkin").with(volunteer.signedIn())
						.with(csrf()).param("t", token).param("key", UUID.randomUUID().toString()).param("action", "IN")
						.param("latitude", junk).param("longitude", "112.4")).andReturn(), null));
			}
		}
		assertThat(failures).isEmpty();
		nothingStored();
	}

	@Test
	void staffEntriesRefuseBadInputNamingTheField() throws Exception {
		List<String> failures = new ArrayList<>();
		List<String> badReasons = List.of("", "短", "a\u0000bcdefg", "<script>alert(1)</script>", "长".repeat(201),
				"原因\u202E很充分的");
		for (String reason : badReasons) {
			add(failures, failure("api reason " + reason, staffApi(Map.of("volunteerId", volunteer.volunteerId(),
					"action", "IN", "reason", reason)), "reason"));
			MvcResult page = mvc.perform(post("/checkin/shifts/" + shift + "/staff").with(organizer.signedIn())
					.with(csrf()).param("volunteerId", String.valueOf(volunteer.volunteerId())).param("action", "IN")
					.param("reason", reason)).andReturn();
			add(failures, failure("page reason " + reason, page, null));
			if (!page.getResponse().getContentAsString().contains("field-error")) {
				add(failures, "page reason " + reason + " has no error next to the field");
			}
		}
		for (String junk : JUNK) {
			add(failures, failure("api volunteerId " + junk, staffApi(Map.of("volunteerId", junk, "action", "IN",
					"reason", "现场核实到岗情况")), "volunteerId"));
			add(failures, failure("api action " + junk, staffApi(Map.of("volunteerId", volunteer.volunteerId(),
					"action", junk, "reason", "现场核实到岗情况")), "action"));
			if (!junk.isEmpty()) {
				add(failures, failure("api occurredAt " + junk, staffApi(Map.of("volunteerId", volunteer.volunteerId(),
						"action", "IN", "reason", "现场核实到岗情况", "occurredAt", junk)), "occurredAt"));
				add(failures, failure("page time " + junk, mvc.perform(post("/checkin/shifts/" + shift + "/staff")
						.with(organizer.signedIn()).with(csrf()).param("volunteerId", String.valueOf(volunteer.volunteerId()))
						.param("action", "IN").param("reason", "现场核实到岗情况").param("time", junk)).andReturn(), null));
			}
			add(failures, failure("page volunteerId " + junk, mvc.perform(post("/checkin/shifts/" + shift + "/staff")
					.with(organizer.signedIn()).with(csrf()).param("volunteerId", junk).param("action", "IN")
					.param("reason", "现场核实到岗情况")).andReturn(), null));
			add(failures, failure("roster id " + junk, mvc.perform(get("/api/v1/checkin/shifts/" + junk.replace("/", "")
					+ "x/attendance").with(organizer.signedIn())).andReturn(), null));
		}
		assertThat(failures).isEmpty();
		nothingStored();
	}

	private MvcResult staffApi(Map<String, Object> body) throws Exception {
		return mvc.perform(post("/api/v1/checkin/shifts/" + shift + "/attendance").with(organizer.signedIn())
				.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body))).andReturn();
	}

	private static void add(List<String> failures, String failure) {
		if (failure != null) {
			failures.add(failure);
		}
	}
}
