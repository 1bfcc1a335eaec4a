package org.wenming.casework.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.wenming.casework.open311.Open311Fixtures.children;
import static org.wenming.casework.open311.Open311Fixtures.json;
import static org.wenming.casework.open311.Open311Fixtures.names;
import static org.wenming.casework.open311.Open311Fixtures.text;
import static org.wenming.casework.open311.Open311Fixtures.xml;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.region.Regions;
import org.wenming.support.WenmingTest;

import tools.jackson.databind.JsonNode;

/**
 * Every GeoReport v2 resource in XML and JSON, parsed and checked against the spec's shape: root
 * and element names, field names, lists where the spec has lists, ids and codes as strings,
 * lat/long as numbers, times ISO 8601 with the +08:00 offset, UTF-8.
 */
@WenmingTest
class Open311ShapeTest {

	static final List<String> REQUEST_FIELDS = List.of("service_request_id", "status", "detailed_status",
			"status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
			"requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
			"long", "media_url");

	static final Pattern ISO_WITH_OFFSET = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00");

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
	void discoveryListsTheEndpointWithItsFormats() throws Exception {
		MvcResult x = mvc.perform(get("/open311/v2/discovery.xml")).andReturn();
		assertThat(x.getResponse().getStatus()).isEqualTo(200);
		assertThat(x.getResponse().getContentType()).startsWith("text/xml").containsIgnoringCase("charset=UTF-8");
		Element root = xml(x).getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("discovery");
		assertThat(names(root)).contains("changeset", "contact", "key_service", "endpoints");
		assertThat(OffsetDateTime.parse(text(root, "changeset"))).isNotNull();
		Element endpoints = children(root).stream().filter(e -> e.getTagName().equals("endpoints")).findFirst().orElseThrow();
		Element endpoint = children(endpoints).get(0);
		assertThat(endpoint.getTagName()).isEqualTo("endpoint");
		assertThat(names(endpoint)).contains("specification", "url", "changeset", "type", "formats");
		assertThat(text(endpoint, "url")).endsWith("/open311/v2");
		Element formats = children(endpoint).stream().filter(e -> e.getTagName().equals("formats")).findFirst().orElseThrow();
		assertThat(names(formats)).containsOnly("format");
		assertThat(children(formats).stream().map(Element::getTextContent)).containsExactly("text/xml", "application/json");

		MvcResult j = mvc.perform(get("/open311/v2/discovery.json")).andReturn();
		assertThat(j.getResponse().getContentType()).startsWith("application/json");
		JsonNode doc = json(j);
		assertThat(doc.isObject()).isTrue();
		assertThat(doc.get("changeset").isString()).isTrue();
		assertThat(doc.get("contact").isString()).isTrue();
		assertThat(doc.get("key_service").isString()).isTrue();
		assertThat(doc.get("endpoints").isArray()).isTrue();
		JsonNode first = doc.get("endpoints").get(0);
		assertThat(first.get("specification").asString()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
		assertThat(first.get("formats").isArray()).isTrue();
		assertThat(first.get("formats").get(1).asString()).isEqualTo("application/json");
		assertThat(doc.get("extensions").asString()).contains("page_size").contains("detailed_status");
	}

	@Test
	void servicesAreTheActiveLeavesWithTheirGroups() throws Exception {
		Element root = xml(mvc.perform(get("/open311/v2/services.xml")).andReturn()).getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("services");
		assertThat(names(root)).containsOnly("service");
		Element cables = children(root).stream().filter(s -> text(s, "service_code").equals("OVERHEAD_CABLES"))
				.findFirst().orElseThrow();
		assertThat(names(cables)).containsExactly("service_code", "service_name", "description", "metadata", "type",
				"keywords", "group");
		assertThat(text(cables, "metadata")).isEqualTo("true");
		assertThat(text(cables, "type")).isEqualTo("realtime");
		assertThat(text(cables, "group")).isEqualTo("基础设施");
		assertThat(text(cables, "service_name")).contains("三线");
		List<String> codes = children(root).stream().map(s -> text(s, "service_code")).toList();
		assertThat(codes).contains("OVERHEAD_CABLES", "PUBLIC_TOILET", "BACK_ALLEY", "TRAFFIC_ORDER")
				.doesNotContain("INFRASTRUCTURE", "CITY_APPEARANCE");

		JsonNode services = json(mvc.perform(get("/open311/v2/services.json").param("lang", "en")).andReturn());
		assertThat(services.isArray()).isTrue();
		JsonNode toilet = null;
		for (JsonNode s : services) {
			assertThat(s.get("service_code").isString()).isTrue();
			assertThat(s.get("metadata").isBoolean()).isTrue();
			if (s.get("service_code").asString().equals("PUBLIC_TOILET")) {
				toilet = s;
			}
		}
		assertThat(toilet).isNotNull();
		assertThat(toilet.get("service_name").asString()).isEqualTo("Public toilet");
		assertThat(toilet.get("group").asString()).isEqualTo("City appearance");
		assertThat(toilet.get("keywords").asString()).contains("toilet");
	}

	@Test
	void aServiceDefinitionHasItsAttributesWithValues() throws Exception {
		Element root = xml(mvc.perform(get("/open311/v2/services/OVERHEAD_CABLES.xml")).andReturn()).getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("service_definition");
		assertThat(text(root, "service_code")).isEqualTo("OVERHEAD_CABLES");
		Element attributes = children(root).stream().filter(e -> e.getTagName().equals("attributes")).findFirst().orElseThrow();
		assertThat(names(attributes)).containsOnly("attribute");
		Element severity = children(attributes).get(0);
		assertThat(names(severity)).containsExactly("variable", "code", "datatype", "required", "datatype_description",
				"order", "description", "values");
		assertThat(text(severity, "code")).isEqualTo("severity");
		assertThat(text(severity, "datatype")).isEqualTo("singlevaluelist");
		assertThat(text(severity, "required")).isEqualTo("true");
		Element values = children(severity).stream().filter(e -> e.getTagName().equals("values")).findFirst().orElseThrow();
		assertThat(names(values)).containsOnly("value");
		assertThat(children(values).stream().map(v -> text(v, "key"))).containsExactly("LOW", "MEDIUM", "HIGH");

		JsonNode definition = json(mvc.perform(get("/open311/v2/services/OVERHEAD_CABLES.json")).andReturn());
		assertThat(definition.get("service_code").asString()).isEqualTo("OVERHEAD_CABLES");
		JsonNode first = definition.get("attributes").get(0);
		assertThat(first.get("variable").isBoolean()).isTrue();
		assertThat(first.get("order").isNumber()).isTrue();
		assertThat(first.get("values").isArray()).isTrue();
		assertThat(first.get("values").get(2).get("key").asString()).isEqualTo("HIGH");
		assertThat(definition.get("attributes").get(1).get("datatype").asString()).isEqualTo("multivaluelist");
	}

	@Test
	void aRequestHasEveryFieldOfTheSpecWithStringIdsNumbersAndOffsetTimes() throws Exception {
		String key = fixtures.newKey();
		MvcResult posted = mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("api_key", key).param("service_code", "OVERHEAD_CABLES").param("lat", "23.0512")
				.param("long", "112.4655").param("address_string", "端州区星湖大道1号").param("description", "电线垂到人行道 <b>危险</b>")
				.param("attribute[severity]", "HIGH").param("attribute[line_kind][]", "POWER", "TELECOM")
				.param("media_url", "https://example.org/photos/1.jpg").param("phone", "13800138000")
				.param("first_name", "小明").param("last_name", "王")).andReturn();
		assertThat(posted.getResponse().getStatus()).isEqualTo(201);
		String number = json(posted).get(0).get("service_request_id").asString();
		created.add(number);

		Document document = xml(mvc.perform(get("/open311/v2/requests/" + number + ".xml")).andReturn());
		Element root = document.getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("service_requests");
		assertThat(names(root)).containsExactly("request");
		Element request = children(root).get(0);
		assertThat(names(request)).containsExactlyElementsOf(REQUEST_FIELDS);
		assertThat(text(request, "service_request_id")).isEqualTo(number);
		assertThat(text(request, "status")).isEqualTo("open");
		assertThat(text(request, "detailed_status")).isEqualTo("REPORTED");
		assertThat(text(request, "description")).isEqualTo("电线垂到人行道 <b>危险</b>");
		assertThat(text(request, "requested_datetime")).matches(ISO_WITH_OFFSET);
		assertThat(text(request, "lat")).isEqualTo("23.0512");
		assertThat(text(request, "media_url")).isEqualTo("https://example.org/photos/1.jpg");
		String body = mvc.perform(get("/open311/v2/requests/" + number + ".xml")).andReturn().getResponse()
				.getContentAsString();
		assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").doesNotContain("13800138000")
				.doesNotContain("138****8000").doesNotContain("小明");

		JsonNode list = json(mvc.perform(get("/open311/v2/requests/" + number + ".json")).andReturn());
		assertThat(list.isArray()).isTrue();
		assertThat(list.size()).isEqualTo(1);
		JsonNode r = list.get(0);
		assertThat(r.propertyNames()).containsExactlyElementsOf(REQUEST_FIELDS);
		assertThat(r.get("service_request_id").isString()).isTrue();
		assertThat(r.get("service_code").isString()).isTrue();
		assertThat(r.get("address_id").isString()).isTrue();
		assertThat(r.get("lat").isNumber()).isTrue();
		assertThat(r.get("long").isNumber()).isTrue();
		assertThat(r.get("long").decimalValue()).isEqualByComparingTo("112.4655");
		assertThat(r.get("requested_datetime").asString()).matches(ISO_WITH_OFFSET);
		assertThat(r.get("updated_datetime").asString()).matches(ISO_WITH_OFFSET);
		assertThat(r.get("expected_datetime").isNull()).isTrue();
		assertThat(r.get("address").asString()).isEqualTo("端州区星湖大道1号");
		assertThat(r.toString()).doesNotContain("13800138000").doesNotContain("138****8000").doesNotContain("小明");
	}

	@Test
	void aDispatchedAndAClosedCaseShowTheUnitTheDueTimeAndClosed() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String dispatched = fixtures.insertCase("SANITATION", "DISPATCHED", now.minus(2, ChronoUnit.DAYS));
		String closed = fixtures.insertCase("PUBLIC_TOILET", "CLOSED", now.minus(3, ChronoUnit.DAYS));
		String rejected = fixtures.insertCase("BACK_ALLEY", "REJECTED", now.minus(4, ChronoUnit.DAYS));
		String unitName = "端州区环卫所" + fixtures.marker;
		long unit = jdbc.sql("""
				insert into responsible_unit (name, kind, region_code, region_path, updated_by)
				values (:name, 'BUREAU', '441202', :path, 'test') returning id""").param("name", unitName)
				.param("path", regions.find("441202").orElseThrow().path()).query(Long.class).single();
		jdbc.sql("update rectification_case set unit_id = :unit, due_at = :due where case_number = :n").param("unit", unit)
				.param("due", java.sql.Timestamp.from(now.plus(1, ChronoUnit.DAYS))).param("n", dispatched).update();
		jdbc.sql("""
				insert into case_event (case_id, kind, from_status, to_status, actor, reason)
				values (:id, 'REJECTED', 'REPORTED', 'REJECTED', 'staff', '不属于城市管理范围')""")
				.param("id", fixtures.caseId(rejected)).update();
		try {
			JsonNode list = json(mvc.perform(get("/open311/v2/requests.json")
					.param("service_request_id", dispatched + "," + closed + "," + rejected)).andReturn());
			assertThat(list.size()).isEqualTo(3);
			JsonNode d = list.get(0);
			assertThat(d.get("service_request_id").asString()).isEqualTo(dispatched);
			assertThat(d.get("status").asString()).isEqualTo("open");
			assertThat(d.get("detailed_status").asString()).isEqualTo("DISPATCHED");
			assertThat(d.get("agency_responsible").asString()).isEqualTo(unitName);
			assertThat(OffsetDateTime.parse(d.get("expected_datetime").asString()).toInstant())
					.isEqualTo(now.plus(1, ChronoUnit.DAYS));
			assertThat(list.get(1).get("status").asString()).isEqualTo("closed");
			assertThat(list.get(1).get("detailed_status").asString()).isEqualTo("CLOSED");
			assertThat(list.get(2).get("status").asString()).isEqualTo("closed");
			assertThat(list.get(2).get("status_notes").asString()).isEqualTo("不属于城市管理范围");
			assertThat(list.toString()).doesNotContain("李四").doesNotContain("139****0000");

			Element root = xml(mvc.perform(get("/open311/v2/requests.xml").param("service_request_id", closed))
					.andReturn()).getDocumentElement();
			assertThat(text(children(root).get(0), "status")).isEqualTo("closed");
		}
		finally {
			fixtures.cleanUp(List.of());
			jdbc.sql("delete from responsible_unit where id = :id").param("id", unit).update();
		}
	}

	@Test
	void aPostAnswersWithTheRequestIdAndNoTokenInBothFormats() throws Exception {
		String key = fixtures.newKey();
		JsonNode answer = json(mvc.perform(post("/open311/v2/requests.json").param("api_key", key)
				.param("service_code", "SANITATION").param("address_string", "鼎湖区坑口街道").param("description", "垃圾堆放多日")
				.param("attribute[kind]", "RUBBISH")).andReturn()).get(0);
		String number = answer.get("service_request_id").asString();
		created.add(number);
		// GeoReport v2: service_request_id when the request is created at once, token when it is queued
		assertThat(answer.propertyNames()).containsExactly("service_request_id", "service_notice", "account_id");
		assertThat(answer.get("service_notice").asString()).contains("24");
		assertThat(answer.get("account_id").isNull()).isTrue();

		Element posted = xml(mvc.perform(post("/open311/v2/requests.xml").param("api_key", key)
				.param("service_code", "SANITATION").param("address_string", "鼎湖区坑口街道").param("description", "又有垃圾")
				.param("attribute[kind]", "OTHER")).andReturn()).getDocumentElement();
		assertThat(posted.getTagName()).isEqualTo("service_requests");
		Element request = children(posted).get(0);
		assertThat(request.getTagName()).isEqualTo("request");
		assertThat(names(request)).containsExactly("service_request_id", "service_notice", "account_id");
		created.add(text(request, "service_request_id"));
		assertThat(cases.findByNumber(text(request, "service_request_id"))).isPresent();
	}

	@Test
	void aTokenHandedOutBeforeStillLeadsToTheRequestInBothFormats() throws Exception {
		// a reporter's follow token, as POST requests answered with it before it answered with the id alone
		Cases.Reported reported = cases.report(new NewCase(CaseSource.OPEN311, "SANITATION", "垃圾堆放多日",
				"鼎湖区坑口街道", null, null, "4412", null, null, null, null), "open311:test");
		String number = reported.caseNumber();
		created.add(number);
		String token = reported.followToken();

		JsonNode found = json(mvc.perform(get("/open311/v2/tokens/" + token + ".json")).andReturn());
		assertThat(found.isArray()).isTrue();
		assertThat(found.get(0).propertyNames()).containsExactly("service_request_id", "token");
		assertThat(found.get(0).get("service_request_id").asString()).isEqualTo(number);
		assertThat(found.get(0).get("token").asString()).isEqualTo(token);
		Element root = xml(mvc.perform(get("/open311/v2/tokens/" + token + ".xml")).andReturn()).getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("service_requests");
		assertThat(names(children(root).get(0))).containsExactly("service_request_id", "token");
		assertThat(text(children(root).get(0), "service_request_id")).isEqualTo(number);
	}

	@Test
	void publicReadsMayBeFetchedFromAnyOriginWithoutCredentials() throws Exception {
		var response = mvc.perform(get("/open311/v2/requests.json").header("Origin", "https://map.example.org")).andReturn()
				.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(response.getHeader("Access-Control-Allow-Credentials")).isNull();
	}

	@Test
	void theJurisdictionIsAcceptedWhenItIsOurs() throws Exception {
		assertThat(mvc.perform(get("/open311/v2/services.json").param("jurisdiction_id", "zhaoqing.gov.cn")).andReturn()
				.getResponse().getStatus()).isEqualTo(200);
	}
}
