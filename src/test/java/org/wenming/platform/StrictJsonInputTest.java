package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.TestVolunteers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The JSON API reads values as they are written, the way a client with a bug would send them: a
 * fraction into an id, a boolean or a number into text, a number into a boolean, text into a number,
 * an empty string into an id, a number into an enumeration, a field the request does not have. Each
 * is refused with 400 naming the field, and nothing is stored; the same body with the right types is
 * accepted, so the refusals are the types' doing.
 */
@WenmingTest
class StrictJsonInputTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	final ObjectMapper json = new ObjectMapper();

	RequestPostProcessor office;

	long corps;

	@BeforeEach
	void setUp() {
		office = new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF);
		corps = jdbc.sql("""
				insert into team (name, parent_id, level, type, region_code, region_path, updated_by)
				values (:name, null, 'CORPS', 'PRACTICE', '441202', '44.4412.441202.', 'test') returning id""")
			.param("name", "严格输入总队" + tag()).query(Long.class).single();
	}

	@Test
	void teamsRefuseEachWronglyTypedValueNamingTheField() throws Exception {
		long before = count("team");
		refused("/api/v1/admin/teams", team("practiceSiteId", 1.5), "practiceSiteId");
		refused("/api/v1/admin/teams", team("parentId", 1.0 * corps), "parentId");
		refused("/api/v1/admin/teams", team("parentId", String.valueOf(corps)), "parentId");
		refused("/api/v1/admin/teams", team("practiceSiteId", ""), "practiceSiteId");
		refused("/api/v1/admin/teams", team("name", true), "name");
		refused("/api/v1/admin/teams", team("name", 12345), "name");
		refused("/api/v1/admin/teams", team("contactName", 1.5), "contactName");
		assertThat(count("team")).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from team where name in ('true', '12345', '1.5')").query(Long.class).single())
			.isZero();
		MockHttpServletResponse created = send("/api/v1/admin/teams", team("name", "严格输入支队" + tag()));
		assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
		assertThat(count("team")).isEqualTo(before + 1);
	}

	@Test
	void anUnknownFieldIsRefusedNamingIt() throws Exception {
		long before = count("team");
		JsonNode problem = refused("/api/v1/admin/teams", team("colour", "red"), "colour");
		assertThat(problem.at("/errors/0/message").asString()).isEqualTo("is not a field of this request");
		refused("/api/v1/admin/sites", site("practiceSite", 1), "practiceSite");
		assertThat(count("team")).isEqualTo(before);
	}

	@Test
	void activitiesRefuseANumberForABooleanAndTextForANumber() throws Exception {
		long before = count("activity");
		refused("/api/v1/admin/activities", activity("requiresApproval", 2), "requiresApproval");
		refused("/api/v1/admin/activities", activity("requiresApproval", "true"), "requiresApproval");
		refused("/api/v1/admin/activities", activity("title", true), "title");
		refused("/api/v1/admin/activities", activity("organizerTeamId", corps + 0.5), "organizerTeamId");
		Map<String, Object> body = activity("title", "严格输入活动" + tag());
		body.put("shifts", List.of(Map.of("startsAt", start().toString(), "endsAt", start().plusHours(2).toString(),
				"capacity", "10")));
		refused("/api/v1/admin/activities", body, "shifts[0].capacity");
		assertThat(count("activity")).isEqualTo(before);
		MockHttpServletResponse created = send("/api/v1/admin/activities", activity("requiresApproval", true));
		assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
		assertThat(count("activity")).isEqualTo(before + 1);
	}

	@Test
	void sitesRefuseNumbersForTextAndForAnEnumeration() throws Exception {
		long before = count("practice_site");
		refused("/api/v1/admin/sites", site("address", 12345), "address");
		refused("/api/v1/admin/sites", site("name", false), "name");
		refused("/api/v1/admin/sites", site("kind", 1), "kind");
		refused("/api/v1/admin/sites", site("demonstration", 1), "demonstration");
		refused("/api/v1/admin/sites", site("latitude", "23.05"), "latitude");
		assertThat(count("practice_site")).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from practice_site where address = '12345'").query(Long.class).single())
			.isZero();
	}

	@Test
	void volunteerRegistrationRefusesANumberForConsent() throws Exception {
		long before = count("volunteer");
		refused("/api/v1/admin/volunteers", volunteer("consent", 2), "consent");
		refused("/api/v1/admin/volunteers", volunteer("guardianConsent", 1), "guardianConsent");
		refused("/api/v1/admin/volunteers", volunteer("realName", 12345), "realName");
		assertThat(count("volunteer")).isEqualTo(before);
	}

	@Test
	void aBodyOverTheCapIsRefusedWith413AndStoresNothing() throws Exception {
		long before = count("team");
		Map<String, Object> body = team("description", "长".repeat(700_000));
		MockHttpServletResponse answer = send("/api/v1/admin/teams", body);
		assertThat(answer.getStatus()).isEqualTo(413);
		assertThat(answer.getContentType()).startsWith("application/problem+json");
		assertThat(json.readTree(answer.getContentAsString()).at("/status").asInt()).isEqualTo(413);
		assertThat(count("team")).isEqualTo(before);
	}

	private JsonNode refused(String path, Map<String, Object> body, String field) throws Exception {
		MockHttpServletResponse answer = send(path, body);
		assertThat(answer.getStatus()).as("%s %s: %s", path, body, answer.getContentAsString()).isEqualTo(400);
		assertThat(answer.getContentType()).startsWith("application/problem+json");
		JsonNode problem = json.readTree(answer.getContentAsString());
		assertThat(problem.at("/errors").valueStream().map(e -> e.at("/field").asString()).toList())
			.as("%s %s", path, body).contains(field);
		return problem;
	}

	private MockHttpServletResponse send(String path, Map<String, Object> body) throws Exception {
		return mvc.perform(post(path).with(csrf()).with(office).contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(body))).andReturn().getResponse();
	}

	private Map<String, Object> team(String field, Object value) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("regionCode", "441202");
		body.put("level", "BRANCH");
		body.put("parentId", corps);
		body.put("name", "严格输入支队" + tag());
		body.put("type", "YOUTH");
		body.put("contactName", "陈联系");
		body.put("contactPhone", "0758-2281234");
		body.put("description", "青年志愿服务");
		body.put("status", "ACTIVE");
		body.put(field, value);
		return body;
	}

	private Map<String, Object> activity(String field, Object value) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", "严格输入活动" + tag());
		body.put("type", "SERVICE");
		body.put("organizerTeamId", corps);
		body.put("address", "端州区严格路");
		body.put("regionCode", "441202");
		body.put("shifts", List.of(Map.of("startsAt", start().toString(), "endsAt", start().plusHours(2).toString(),
				"capacity", 10)));
		body.put(field, value);
		return body;
	}

	private Map<String, Object> site(String field, Object value) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("regionCode", "441202001");
		body.put("kind", "POINT");
		body.put("name", "严格输入点" + tag());
		body.put("address", "端州区城东街道1号");
		body.put("latitude", 23.047);
		body.put("longitude", 112.465);
		body.put(field, value);
		return body;
	}

	private Map<String, Object> volunteer(String field, Object value) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("realName", TestVolunteers.name());
		body.put("idType", "RESIDENT_ID");
		body.put("idNumber", TestVolunteers.residentId("441202"));
		body.put("phone", TestVolunteers.mobile());
		body.put("regionCode", "441202001002");
		body.put("skills", List.of("MEDICAL"));
		body.put("availability", "周末");
		body.put("emergencyName", "李四");
		body.put("emergencyPhone", TestVolunteers.mobile());
		body.put("consent", true);
		body.put(field, value);
		return body;
	}

	private static OffsetDateTime start() {
		return OffsetDateTime.now().plusDays(5).withNano(0);
	}

	private long count(String table) {
		// the table names are the constants above, never input
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
