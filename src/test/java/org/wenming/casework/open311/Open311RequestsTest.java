package org.wenming.casework.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.wenming.casework.open311.Open311Fixtures.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.CaseView;
import org.wenming.casework.Cases;
import org.wenming.region.Regions;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

import tools.jackson.databind.JsonNode;

/**
 * A POST enters the same workflow as any report; GET requests keeps to its default 90-day window,
 * its cap of 1,000, its pages and its filters.
 */
@WenmingTest
class Open311RequestsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ApiKeys keys;

	@Autowired
	Cases cases;

	@Autowired
	ContactSeal seal;

	Open311Fixtures fixtures;

	final List<String> created = new ArrayList<>();

	@BeforeEach
	void fixtures() {
		fixtures = new Open311Fixtures(jdbc, regions, keys);
	}

	@AfterEach
	void cleanUp() {
		fixtures.cleanUp(created);
	}

	@Test
	void aPostEntersTheWorkflowAndNeverEchoesThePhone() throws Exception {
		String key = fixtures.newKey();
		var result = mvc.perform(post("/open311/v2/requests.json").param("api_key", key)
				.param("jurisdiction_id", "zhaoqing.gov.cn").param("service_code", "OVERHEAD_CABLES")
				.param("lat", "23.0476").param("long", "112.4652").param("description", "通信线缠绕在路灯杆上，垂到路面")
				.param("attribute[severity]", "MEDIUM").param("attribute[line_kind]", "TELECOM,CABLE_TV")
				.param("phone", "+86 139-2000-8000").param("email", "citizen@example.org")
				.param("media_url", "http://example.org/a.jpg")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(201);
		String body = result.getResponse().getContentAsString();
		assertThat(body).doesNotContain("13920008000").doesNotContain("139****8000").doesNotContain("citizen@example.org");
		JsonNode answer = json(result).get(0);
		String number = answer.get("service_request_id").asString();
		created.add(number);
		// created at once: the id, not a token (GeoReport v2 has a server answer with one or the other)
		assertThat(answer.propertyNames()).containsExactly("service_request_id", "service_notice", "account_id");

		CaseView view = cases.findByNumber(number).orElseThrow();
		assertThat(view.status()).isEqualTo(CaseStatus.REPORTED);
		assertThat(view.source()).isEqualTo(CaseSource.OPEN311);
		assertThat(view.categoryCode()).isEqualTo("OVERHEAD_CABLES");
		assertThat(view.regionPath()).startsWith("44.4412.");
		assertThat(view.reporterContactMasked()).isEqualTo("139****8000");
		Map<String, Object> row = jdbc.sql("""
				select c.api_key_id, c.reported_by, k.key_prefix, c.reporter_contact_cipher, r.media_url,
				       r.attributes::text as attributes
				from rectification_case c join open311_api_key k on k.id = c.api_key_id
				join open311_request r on r.case_id = c.id where c.id = :id""").param("id", view.id()).query().singleRow();
		assertThat(row.get("reported_by")).isEqualTo("open311:" + row.get("key_prefix"));
		assertThat(key).startsWith((String) row.get("key_prefix"));
		assertThat(new String((byte[]) row.get("reporter_contact_cipher"), java.nio.charset.StandardCharsets.ISO_8859_1))
				.doesNotContain("13920008000");
		assertThat(seal.open(Cases.CONTACT_COLUMN, new ContactSeal.SealedContact(
				(byte[]) row.get("reporter_contact_cipher"), null, jdbc.sql(
						"select reporter_key_id from rectification_case where id = :id").param("id", view.id())
						.query(String.class).single()))).isEqualTo("13920008000");
		assertThat(row.get("media_url")).isEqualTo("http://example.org/a.jpg");
		assertThat(Open311Fixtures.JSON.readTree((String) row.get("attributes")))
				.isEqualTo(Open311Fixtures.JSON.readTree("{\"line_kind\":[\"TELECOM\",\"CABLE_TV\"],\"severity\":\"MEDIUM\"}"));
		assertThat(jdbc.sql("select kind || ':' || to_status || ':' || actor from case_event where case_id = :id")
				.param("id", view.id()).query(String.class).list()).containsExactly("REPORTED:REPORTED:" + row.get("reported_by"));

		JsonNode read = json(mvc.perform(get("/open311/v2/requests/" + number + ".json")).andReturn()).get(0);
		assertThat(read.get("status").asString()).isEqualTo("open");
		assertThat(read.get("detailed_status").asString()).isEqualTo("REPORTED");
		assertThat(read.toString()).doesNotContain("139");
	}

	@Test
	void theCaseAndItsExtrasCommitTogetherOrNotAtAll() throws Exception {
		String key = fixtures.newKey();
		String refused = "https://rollback.example.org/" + fixtures.marker + ".jpg";
		// the extras' insert fails after the case's insert has run: the case must not stay behind
		jdbc.sql("""
				create function open311_refuse_extras() returns trigger language plpgsql as $$
				begin
				    if new.media_url = '%s' then raise exception 'extras refused by the test'; end if;
				    return new;
				end $$""".formatted(refused)).update();
		jdbc.sql("create trigger open311_refuse_extras before insert on open311_request for each row "
				+ "execute function open311_refuse_extras()").update();
		try {
			// this key's rows only: the timed jobs (escalation every 10 minutes) may write case events meanwhile
			long keyId = keys.authenticate(key).orElseThrow().id();
			String rows = """
					select (select count(*) from rectification_case where api_key_id = :k)
					     + (select count(*) from open311_request o join rectification_case c on c.id = o.case_id
					        where c.api_key_id = :k)
					     + (select count(*) from case_event e join rectification_case c on c.id = e.case_id
					        where c.api_key_id = :k)""";
			long before = jdbc.sql(rows).param("k", keyId).query(Long.class).single();
			var result = mvc.perform(post("/open311/v2/requests.json").param("api_key", key)
					.param("service_code", "PUBLIC_TOILET").param("lat", "23.05").param("long", "112.46")
					.param("description", "公厕没有开门").param("attribute[problem]", "CLOSED").param("media_url", refused))
				.andReturn();
			assertThat(result.getResponse().getStatus()).isEqualTo(500);
			assertThat(json(result).get(0).get("code").asInt()).isEqualTo(500);
			assertThat(jdbc.sql(rows).param("k", keyId).query(Long.class).single()).isEqualTo(before);
		}
		finally {
			jdbc.sql("drop trigger open311_refuse_extras on open311_request").update();
			jdbc.sql("drop function open311_refuse_extras()").update();
		}
	}

	@Test
	void anAddressAloneIsPlacedInTheCityAndAnAddressIdInItsRegion() throws Exception {
		String key = fixtures.newKey();
		String first = json(mvc.perform(post("/open311/v2/requests.json").param("api_key", key)
				.param("service_code", "OLD_COMPOUND").param("address_string", "端州区某小区3栋")
				.param("description", "楼道灯坏了").param("attribute[compound_name]", "某小区")).andReturn()).get(0)
				.get("service_request_id").asString();
		created.add(first);
		assertThat(cases.findByNumber(first).orElseThrow().regionCode()).isEqualTo("4412");
		var xml = Open311Fixtures.xml(mvc.perform(post("/open311/v2/requests.xml").param("api_key", key)
				.param("service_code", "OLD_COMPOUND").param("address_id", "441202").param("description", "管线老化")
				.param("attribute[facility][]", "PIPES").param("attribute[facility][]", "ROOFS")).andReturn());
		String second = Open311Fixtures.text(Open311Fixtures.children(xml.getDocumentElement()).get(0), "service_request_id");
		created.add(second);
		assertThat(cases.findByNumber(second).orElseThrow().regionCode()).isEqualTo("441202");
		assertThat(jdbc.sql("select attributes->>'facility' from open311_request where case_id = :id")
				.param("id", fixtures.caseId(second)).query(String.class).single()).isEqualTo("[\"PIPES\", \"ROOFS\"]");
	}

	@Test
	void theDefaultWindowIsNinetyDaysAndTheAnswerHoldsAtMostAThousand() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		fixtures.insertMany(1_100, "BACK_ALLEY", now.minus(1, ChronoUnit.HOURS));
		String old = fixtures.insertCase("BACK_ALLEY", "REGISTERED", now.minus(100, ChronoUnit.DAYS));
		String inside = fixtures.insertCase("BACK_ALLEY", "REGISTERED", now.minus(89, ChronoUnit.DAYS));

		JsonNode all = json(mvc.perform(get("/open311/v2/requests.json")).andReturn());
		assertThat(all.size()).isEqualTo(1_000);
		assertOrderedNewestFirst(all);

		long inWindow = jdbc.sql("select count(*) from rectification_case where reported_at >= now() - interval '90 days'")
				.query(Long.class).single();
		Set<String> seen = new HashSet<>();
		int pages = (int) ((inWindow + 399) / 400);
		for (int page = 1; page <= pages; page++) {
			JsonNode items = json(mvc.perform(get("/open311/v2/requests.json").param("page", String.valueOf(page))
					.param("page_size", "400")).andReturn());
			assertThat(items.size()).isEqualTo(page < pages ? 400 : (int) (inWindow - 400L * (pages - 1)));
			items.forEach(i -> seen.add(i.get("service_request_id").asString()));
		}
		assertThat(seen).hasSize((int) inWindow).contains(inside, fixtures.marker + "-M1").doesNotContain(old);
		assertThat(json(mvc.perform(get("/open311/v2/requests.json").param("page", String.valueOf(pages + 1))
				.param("page_size", "400")).andReturn()).size()).isZero();
	}

	@Test
	void filtersByStatusServiceAndDates() throws Exception {
		Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(300, ChronoUnit.DAYS);
		String openToilet = fixtures.insertCase("PUBLIC_TOILET", "DISPATCHED", base.plus(1, ChronoUnit.HOURS));
		String closedToilet = fixtures.insertCase("PUBLIC_TOILET", "CLOSED", base.plus(2, ChronoUnit.HOURS));
		String mergedToilet = fixtures.insertCase("PUBLIC_TOILET", "REGISTERED", base.plus(3, ChronoUnit.HOURS));
		jdbc.sql("update rectification_case set status = 'MERGED', merged_into_id = :into where case_number = :n")
				.param("into", fixtures.caseId(openToilet)).param("n", mergedToilet).update();
		String sanitation = fixtures.insertCase("SANITATION", "REPORTED", base.plus(4, ChronoUnit.HOURS));
		String later = fixtures.insertCase("PUBLIC_TOILET", "REPORTED", base.plus(10, ChronoUnit.DAYS));
		// a day around the first four, in another offset than the city's: the same instants
		String start = OffsetDateTime.ofInstant(base, ZoneOffset.UTC).toString();
		String end = OffsetDateTime.ofInstant(base.plus(1, ChronoUnit.DAYS), ZoneOffset.ofHours(-5)).toString();

		assertThat(numbers(dated(start, end))).containsExactly(sanitation, mergedToilet, closedToilet, openToilet);
		assertThat(numbers(dated(start, end).param("status", "open"))).containsExactly(sanitation, openToilet);
		assertThat(numbers(dated(start, end).param("status", "closed"))).containsExactly(mergedToilet, closedToilet);
		assertThat(numbers(dated(start, end).param("status", "open,closed"))).hasSize(4);
		assertThat(numbers(dated(start, end).param("service_code", "PUBLIC_TOILET")))
				.containsExactly(mergedToilet, closedToilet, openToilet);
		assertThat(numbers(dated(start, end).param("service_code", "PUBLIC_TOILET,SANITATION").param("status", "open")))
				.containsExactly(sanitation, openToilet);
		// only a start: the 90 days after it
		assertThat(numbers(get("/open311/v2/requests.json").param("start_date", start))).contains(later, openToilet);
		// the inclusive end: a request at exactly end_date is in
		String atLater = OffsetDateTime.ofInstant(base.plus(10, ChronoUnit.DAYS), ZoneOffset.ofHours(8)).toString();
		assertThat(numbers(get("/open311/v2/requests.json").param("end_date", atLater))).contains(later);
		JsonNode merged = json(mvc.perform(get("/open311/v2/requests.json").param("service_request_id", mergedToilet))
				.andReturn()).get(0);
		assertThat(merged.get("status_notes").asString()).contains(openToilet);
		// several ids, an unknown one simply absent
		assertThat(numbers(get("/open311/v2/requests.json").param("service_request_id",
				openToilet + "," + later + ",4412-20990101-000001"))).containsExactly(later, openToilet);
	}

	private MockHttpServletRequestBuilder dated(String start, String end) {
		return get("/open311/v2/requests.json").param("start_date", start).param("end_date", end);
	}

	private List<String> numbers(MockHttpServletRequestBuilder request) throws Exception {
		var result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		List<String> numbers = new ArrayList<>();
		json(result).forEach(r -> numbers.add(r.get("service_request_id").asString()));
		return numbers;
	}

	private static void assertOrderedNewestFirst(JsonNode items) {
		String previous = null;
		for (JsonNode item : items) {
			String at = item.get("requested_datetime").asString();
			if (previous != null) {
				assertThat(OffsetDateTime.parse(at)).isBeforeOrEqualTo(OffsetDateTime.parse(previous));
			}
			previous = at;
		}
	}
}
