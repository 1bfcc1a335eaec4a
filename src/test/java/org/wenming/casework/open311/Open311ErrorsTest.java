package org.wenming.casework.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.wenming.casework.open311.Open311Fixtures.children;
import static org.wenming.casework.open311.Open311Fixtures.json;
import static org.wenming.casework.open311.Open311Fixtures.names;
import static org.wenming.casework.open311.Open311Fixtures.text;
import static org.wenming.casework.open311.Open311Fixtures.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.w3c.dom.Element;
import org.wenming.region.Regions;
import org.wenming.support.WenmingTest;

import tools.jackson.databind.JsonNode;

/**
 * Every documented error, in XML and in JSON: 400 for each bad parameter, 403 for a missing, wrong
 * or revoked api_key, 404 for an unknown request, service, token, resource or jurisdiction. Each
 * is a GeoReport error list naming the parameter, never a 5xx or an HTML page, and a refused POST
 * stores nothing.
 */
@WenmingTest
class Open311ErrorsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ApiKeys keys;

	String key;

	@BeforeEach
	void key() {
		key = new Open311Fixtures(jdbc, regions, keys).newKey();
	}

	/** A refusal: the status, and a word the description must contain (the parameter it is about). */
	record Case(int status, String mentions, Function<String, MockHttpServletRequestBuilder> request) {
	}

	/** A valid POST with some parameters replaced or added (name, value, name, value...). */
	MockHttpServletRequestBuilder validPost(String format, String... changes) {
		java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
		params.put("api_key", key);
		params.put("service_code", "PUBLIC_TOILET");
		params.put("lat", "23.05");
		params.put("long", "112.46");
		params.put("description", "公厕没有开门");
		params.put("attribute[problem]", "CLOSED");
		for (int i = 0; i < changes.length; i += 2) {
			params.put(changes[i], changes[i + 1]);
		}
		MockHttpServletRequestBuilder request = post("/open311/v2/requests." + format)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED);
		params.forEach(request::param);
		return request;
	}

	List<Case> cases() {
		List<Case> list = new ArrayList<>();
		// 400: bad parameters of GET requests
		list.add(new Case(400, "start_date", f -> get("/open311/v2/requests." + f).param("start_date", "2026-13-01")));
		list.add(new Case(400, "start_date", f -> get("/open311/v2/requests." + f).param("start_date", "2026-11-01")));
		list.add(new Case(400, "end_date", f -> get("/open311/v2/requests." + f).param("end_date", "yesterday")));
		list.add(new Case(400, "end_date", f -> get("/open311/v2/requests." + f).param("start_date", "2026-11-02T00:00:00+08:00")
				.param("end_date", "2026-11-01T00:00:00+08:00")));
		list.add(new Case(400, "90", f -> get("/open311/v2/requests." + f).param("start_date", "2026-01-01T00:00:00+08:00")
				.param("end_date", "2026-06-01T00:00:00+08:00")));
		list.add(new Case(400, "page_size", f -> get("/open311/v2/requests." + f).param("page_size", "1000000")));
		list.add(new Case(400, "page_size", f -> get("/open311/v2/requests." + f).param("page_size", "0")));
		list.add(new Case(400, "page_size", f -> get("/open311/v2/requests." + f).param("page_size", "ten")));
		list.add(new Case(400, "page", f -> get("/open311/v2/requests." + f).param("page", "-1")));
		list.add(new Case(400, "status", f -> get("/open311/v2/requests." + f).param("status", "pending")));
		list.add(new Case(400, "service_code", f -> get("/open311/v2/requests." + f).param("service_code", "NO_SUCH")));
		list.add(new Case(400, "service_code", f -> get("/open311/v2/requests." + f).param("service_code", "x'; drop table case_category;--")));
		list.add(new Case(400, "service_request_id", f -> get("/open311/v2/requests." + f).param("service_request_id", "<script>")));
		list.add(new Case(400, "status", f -> get("/open311/v2/requests." + f).param("status", "open").param("status", "closed")));
		// 400: bad POSTs (with a good key)
		list.add(new Case(400, "service_code", f -> validPost(f, "service_code", "")));
		list.add(new Case(400, "service_code", f -> post("/open311/v2/requests." + f).param("api_key", key)
				.param("lat", "23.05").param("long", "112.46").param("description", "x")));
		list.add(new Case(400, "service_code", f -> validPost(f, "service_code", "NO_SUCH_SERVICE")));
		list.add(new Case(400, "lat", f -> validPost(f, "lat", "north")));
		list.add(new Case(400, "lat", f -> validPost(f, "lat", "91")));
		list.add(new Case(400, "long", f -> validPost(f, "long", "NaN")));
		list.add(new Case(400, "lat", f -> validPost(f, "lat", "23.13", "long", "113.26")));
		list.add(new Case(400, "long", f -> post("/open311/v2/requests." + f).param("api_key", key)
				.param("service_code", "PUBLIC_TOILET").param("lat", "23.05").param("description", "x")
				.param("attribute[problem]", "DIRTY")));
		list.add(new Case(400, "address_string", f -> post("/open311/v2/requests." + f).param("api_key", key)
				.param("service_code", "PUBLIC_TOILET").param("description", "x").param("attribute[problem]", "DIRTY")));
		list.add(new Case(400, "address_id", f -> validPost(f, "address_id", "440106")));
		list.add(new Case(400, "address_id", f -> validPost(f, "address_id", "../etc")));
		list.add(new Case(400, "address_string", f -> validPost(f, "address_string", "路".repeat(201))));
		list.add(new Case(400, "description", f -> validPost(f, "description", "")));
		list.add(new Case(400, "description", f -> validPost(f, "description", "有\u0000空字符")));
		list.add(new Case(400, "address_string", f -> validPost(f, "address_string", "路\u0000")));
		list.add(new Case(400, "description", f -> validPost(f, "description", "长".repeat(2001))));
		list.add(new Case(400, "attribute[problem]", f -> post("/open311/v2/requests." + f).param("api_key", key)
				.param("service_code", "PUBLIC_TOILET").param("lat", "23.05").param("long", "112.46").param("description", "x")));
		list.add(new Case(400, "attribute[problem]", f -> validPost(f, "attribute[problem]", "ON_FIRE")));
		list.add(new Case(400, "attribute[color]", f -> validPost(f, "attribute[color]", "red")));
		list.add(new Case(400, "media_url", f -> validPost(f, "media_url", "file:///etc/passwd")));
		list.add(new Case(400, "media_url", f -> validPost(f, "media_url", "http://user:pass@10.0.0.1/x.jpg")));
		list.add(new Case(400, "media_url", f -> validPost(f, "media_url", "javascript:alert(1)")));
		list.add(new Case(400, "phone", f -> validPost(f, "phone", "12345")));
		list.add(new Case(400, "email", f -> validPost(f, "email", "not-an-address")));
		list.add(new Case(400, "first_name", f -> validPost(f, "first_name", "名".repeat(61))));
		list.add(new Case(400, "device_id", f -> validPost(f, "device_id", "d".repeat(101))));
		list.add(new Case(400, "attribute[problem]", f -> validPost(f, "service_code", "SANITATION")));
		list.add(new Case(400, "Content-Type", f -> post("/open311/v2/requests." + f).param("api_key", key)
				.contentType(MediaType.APPLICATION_JSON).content("{\"service_code\":\"PUBLIC_TOILET\"")));
		list.add(new Case(400, "Content-Type", f -> post("/open311/v2/requests." + f).param("api_key", key)
				.contentType(MediaType.APPLICATION_XML).content("<service_request><service_code>PUBLIC_TOILET")));
		list.add(new Case(400, "KB", f -> post("/open311/v2/requests." + f).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("api_key=" + key + "&service_code=PUBLIC_TOILET&description=" + "a".repeat(1_100_000))));
		// refused by the firewall before any controller: still a GeoReport error
		list.add(new Case(400, "400", f -> get("/open311/v2/requests/{id}." + f, "a%2Fb")));
		// 403: the key
		list.add(new Case(403, "api_key", f -> validPost(f, "api_key", "")));
		list.add(new Case(403, "api_key", f -> post("/open311/v2/requests." + f).param("service_code", "PUBLIC_TOILET")
				.param("lat", "23.05").param("long", "112.46").param("description", "没有密钥")));
		list.add(new Case(403, "api_key", f -> validPost(f, "api_key", key + "x")));
		list.add(new Case(403, "api_key", f -> validPost(f, "api_key", "k".repeat(10_000))));
		// 404: what does not exist
		list.add(new Case(404, "service_request_id", f -> get("/open311/v2/requests/4412-20990101-999999." + f)));
		list.add(new Case(404, "service_request_id", f -> get("/open311/v2/requests/no_such_id." + f)));
		list.add(new Case(404, "service_code", f -> get("/open311/v2/services/NO_SUCH." + f)));
		list.add(new Case(404, "service_code", f -> get("/open311/v2/services/INFRASTRUCTURE." + f)));
		list.add(new Case(404, "token", f -> get("/open311/v2/tokens/not-a-token." + f)));
		list.add(new Case(404, "jurisdiction_id", f -> get("/open311/v2/services." + f).param("jurisdiction_id", "guangzhou.gov.cn")));
		list.add(new Case(404, "jurisdiction_id", f -> validPost(f, "jurisdiction_id", "guangzhou.gov.cn")));
		list.add(new Case(404, "jurisdiction_id", f -> get("/open311/v2/requests." + f).param("jurisdiction_id", "x")));
		list.add(new Case(404, "", f -> get("/open311/v2/nothing-here." + f)));
		list.add(new Case(404, "", f -> delete("/open311/v2/requests." + f)));
		return list;
	}

	@Test
	void everyErrorIsAGeoReportErrorListInXml() throws Exception {
		long before = stored();
		List<String> failures = new ArrayList<>();
		for (Case c : cases()) {
			MvcResult result = mvc.perform(c.request().apply("xml")).andReturn();
			String body = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
			String what = result.getRequest().getMethod() + " " + result.getRequest().getRequestURI() + " → "
					+ result.getResponse().getStatus() + " " + body;
			if (result.getResponse().getStatus() != c.status()
					|| !String.valueOf(result.getResponse().getContentType()).startsWith("text/xml")) {
				failures.add(what);
				continue;
			}
			Element root = xml(result).getDocumentElement();
			if (!root.getTagName().equals("errors") || !names(root).equals(List.of("error"))) {
				failures.add(what);
				continue;
			}
			Element error = children(root).get(0);
			if (!names(error).equals(List.of("code", "description"))
					|| !text(error, "code").equals(String.valueOf(c.status()))
					|| !text(error, "description").contains(c.mentions())) {
				failures.add(what);
			}
		}
		assertThat(failures).isEmpty();
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void everyErrorIsAGeoReportErrorListInJson() throws Exception {
		long before = stored();
		List<String> failures = new ArrayList<>();
		for (Case c : cases()) {
			MvcResult result = mvc.perform(c.request().apply("json")).andReturn();
			String body = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
			String what = result.getRequest().getMethod() + " " + result.getRequest().getRequestURI() + " → "
					+ result.getResponse().getStatus() + " " + body;
			if (result.getResponse().getStatus() != c.status()
					|| !String.valueOf(result.getResponse().getContentType()).startsWith("application/json")) {
				failures.add(what);
				continue;
			}
			JsonNode errors = json(result);
			if (!errors.isArray() || errors.size() != 1 || !errors.get(0).get("code").isNumber()
					|| errors.get(0).get("code").asInt() != c.status()
					|| !errors.get(0).get("description").asString().contains(c.mentions())
					|| errors.get(0).propertyNames().size() != 2) {
				failures.add(what);
			}
		}
		assertThat(failures).isEmpty();
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void aRevokedKeyStopsWorkingAtOnce() throws Exception {
		long before = stored();
		var admin = new org.wenming.support.TestUsers(regions).staffPrincipal("4412", org.wenming.shared.Roles.OFFICE_STAFF);
		ApiKeys.IssuedKey issued = keys.issue("即将吊销", admin);
		key = issued.key();
		MvcResult accepted = mvc.perform(validPost("json")).andReturn();
		assertThat(accepted.getResponse().getStatus()).isEqualTo(201);
		String number = json(accepted).get(0).get("service_request_id").asString();
		keys.revoke(issued.id(), admin);
		MvcResult refused = mvc.perform(validPost("xml")).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(403);
		assertThat(text(children(xml(refused).getDocumentElement()).get(0), "description")).contains("api_key");
		assertThat(stored()).isEqualTo(before + 2); // the case and its Open311 extras
		Open311Fixtures cleaner = new Open311Fixtures(jdbc, regions, keys);
		cleaner.cleanUp(List.of(number));
	}

	@Test
	void aKeyIsLimitedToItsPostsPerMinute() throws Exception {
		long before = stored();
		List<String> numbers = new ArrayList<>();
		int accepted = 0;
		int limited = 0;
		// 60 a minute by default: a minute boundary inside the loop may allow a few more, never all 130
		for (int i = 0; i < 130; i++) {
			MvcResult result = mvc.perform(validPost("json")).andReturn();
			if (result.getResponse().getStatus() == 201) {
				accepted++;
				numbers.add(json(result).get(0).get("service_request_id").asString());
			}
			else {
				assertThat(result.getResponse().getStatus()).isEqualTo(429);
				assertThat(json(result).get(0).get("code").asInt()).isEqualTo(429);
				// when to come back: the start of the next minute, whose allowance is fresh
				assertThat(Integer.parseInt(result.getResponse().getHeader("Retry-After"))).isBetween(1, 60);
				limited++;
			}
		}
		assertThat(accepted).isBetween(60, 120);
		assertThat(limited).isEqualTo(130 - accepted);
		assertThat(stored()).isEqualTo(before + 2L * accepted);
		new Open311Fixtures(jdbc, regions, keys).cleanUp(numbers);
	}

	private long stored() {
		return jdbc.sql("select (select count(*) from rectification_case) + (select count(*) from open311_request)")
				.query(Long.class).single();
	}
}
