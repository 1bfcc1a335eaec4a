package org.wenming.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Volunteers at the level people meet them: self-registration, one registration per ID, numbers
 * never stored or logged in plain text, reveal with reason and audit, search by pinyin initials
 * and within scope.
 */
@WenmingTest
@ExtendWith(OutputCaptureExtension.class)
class VolunteerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	RequestPostProcessor staff(String region, String role) {
		return new TestUsers(regions).staff(region, role);
	}

	/** Registers through the public page; returns the username. */
	String registerSelf(String name, String idNumber, String phone, String region) throws Exception {
		String username = "vol-" + UUID.randomUUID().toString().substring(0, 8);
		mvc.perform(post("/volunteers/register").with(csrf()).param("realName", name).param("idType", "RESIDENT_ID")
				.param("idNumber", idNumber).param("phone", phone).param("regionCode", region)
				.param("skills", "MEDICAL", "IT").param("availability", "周末上午").param("consent", "true")
				.param("username", username).param("password", "Volunteer-2026-pw"))
				.andExpect(status().isOk()).andExpect(content().string(containsString("4412")));
		return username;
	}

	long volunteerId(String username) {
		return jdbc.sql("select v.id from volunteer v join app_user u on u.id = v.user_id where u.username = :u")
				.param("u", username).query(Long.class).single();
	}

	@Test
	void selfRegistrationCreatesLoginAndRecordAndRefusesTheSameIdTwice() throws Exception {
		String id = TestVolunteers.residentId("441202");
		String username = registerSelf(TestVolunteers.name(), id, TestVolunteers.mobile(), "441202001002");
		Map<String, Object> row = jdbc.sql("""
				select v.id_number_masked, v.gender, v.birth_date, v.status, v.consent_version, v.skills::text as skills,
				       (select string_agg(role, ',') from user_role r where r.user_id = v.user_id) as roles
				from volunteer v join app_user u on u.id = v.user_id where u.username = :u""")
				.param("u", username).query().singleRow();
		assertThat(row.get("id_number_masked")).isEqualTo(id.substring(0, 4) + "**********" + id.substring(14));
		assertThat(row.get("gender")).isEqualTo((id.charAt(16) - '0') % 2 == 1 ? "M" : "F");
		assertThat(row.get("birth_date").toString()).isEqualTo(id.substring(6, 10) + "-" + id.substring(10, 12) + "-"
				+ id.substring(12, 14));
		assertThat(row).containsEntry("status", "ACTIVE").containsEntry("consent_version", "2026-01")
				.containsEntry("skills", "{MEDICAL,IT}").containsEntry("roles", Roles.VOLUNTEER);

		long volunteers = jdbc.sql("select count(*) from volunteer").query(Long.class).single();
		long users = jdbc.sql("select count(*) from app_user").query(Long.class).single();
		// the same person again, typed in full-width digits with spaces
		String fullWidth = toFullWidth(id.substring(0, 6)) + " " + toFullWidth(id.substring(6));
		mvc.perform(post("/volunteers/register").with(csrf()).param("realName", TestVolunteers.name())
				.param("idType", "RESIDENT_ID").param("idNumber", fullWidth).param("phone", TestVolunteers.mobile())
				.param("regionCode", "441202001002").param("consent", "true")
				.param("username", "vol-" + UUID.randomUUID().toString().substring(0, 8))
				.param("password", "Volunteer-2026-pw"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("此证件已注册过志愿者")))
				.andExpect(content().string(containsString("id=\"idNumber-error\"")));
		assertThat(jdbc.sql("select count(*) from volunteer").query(Long.class).single()).isEqualTo(volunteers);
		assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(users);
	}

	@Test
	void aFormWithMistakesInThePersonAndTheLoginShowsThemAllAtOnce() throws Exception {
		long users = jdbc.sql("select count(*) from app_user").query(Long.class).single();
		// a bad phone number, and a username and password that would be refused too
		mvc.perform(post("/volunteers/register").with(csrf()).param("realName", TestVolunteers.name())
				.param("idType", "RESIDENT_ID").param("idNumber", TestVolunteers.residentId("441202"))
				.param("phone", "12345").param("regionCode", "441202001002").param("consent", "true")
				.param("username", "no spaces allowed").param("password", "short"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("id=\"phone-error\"")))
				.andExpect(content().string(containsString("id=\"username-error\"")))
				.andExpect(content().string(containsString("id=\"password-error\"")));
		assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(users);
	}

	@Test
	void noPlaintextIdOrPhoneInAnyColumnOrLogLine(CapturedOutput output) throws Exception {
		String id = TestVolunteers.residentId("441202");
		String phone = TestVolunteers.mobile();
		String emergency = TestVolunteers.mobile();
		String username = "vol-" + UUID.randomUUID().toString().substring(0, 8);
		mvc.perform(post("/volunteers/register").with(csrf()).param("realName", TestVolunteers.name())
				.param("idType", "RESIDENT_ID").param("idNumber", id).param("phone", phone)
				.param("emergencyName", "李四").param("emergencyPhone", emergency).param("regionCode", "441202001002")
				.param("consent", "true").param("username", username).param("password", "Volunteer-2026-pw"))
				.andExpect(status().isOk());
		long volunteer = volunteerId(username);
		// a duplicate, a search, a reveal and a bad reveal: all paths that might log or copy the number
		mvc.perform(post("/volunteers/register").with(csrf()).param("realName", "王五").param("idType", "RESIDENT_ID")
				.param("idNumber", id).param("phone", phone).param("regionCode", "441202001002").param("consent", "true")
				.param("username", "x" + username).param("password", "Volunteer-2026-pw")).andExpect(status().isBadRequest());
		mvc.perform(post("/admin/volunteers/" + volunteer + "/reveal").with(csrf())
				.with(staff("441202", Roles.OFFICE_STAFF)).param("field", "ID").param("reason", "核对保险投保信息"))
				.andExpect(status().isOk()).andExpect(content().string(containsString(id)));
		mvc.perform(post("/api/v1/admin/volunteers/" + volunteer + "/reveal").with(csrf())
				.with(staff("441202", Roles.OFFICE_STAFF)).contentType(MediaType.APPLICATION_JSON)
				.content("{\"field\":\"PHONE\",\"reason\":\"联系本人核实\"}"))
				.andExpect(status().isOk()).andExpect(jsonPath("$.value").value(phone));

		List<String> found = new ArrayList<>();
		List<Map<String, Object>> columns = jdbc.sql("""
				select table_schema, table_name, column_name, data_type from information_schema.columns
				where table_schema not in ('pg_catalog', 'information_schema')
				  and data_type in ('text', 'character varying', 'character', 'bytea', 'ARRAY', 'json', 'jsonb')""")
				.query().listOfRows();
		assertThat(columns).hasSizeGreaterThan(20);
		for (Map<String, Object> c : columns) {
			String column = "\"" + c.get("table_schema") + "\".\"" + c.get("table_name") + "\"";
			String name = "\"" + c.get("column_name") + "\"";
			for (String secret : List.of(id, phone, emergency)) {
				String condition = "bytea".equals(c.get("data_type"))
						? "position(convert_to(:secret, 'UTF8') in " + name + ") > 0"
						: "strpos(cast(" + name + " as text), :secret) > 0";
				long hits = jdbc.sql("select count(*) from " + column + " where " + condition).param("secret", secret)
						.query(Long.class).single();
				if (hits > 0) {
					found.add(column + "." + name);
				}
			}
		}
		assertThat(found).as("columns holding a plain ID or phone number").isEmpty();
		assertThat(output.getAll()).doesNotContain(id).doesNotContain(phone).doesNotContain(emergency);
	}

	@Test
	void revealNeedsAReasonWritesAnAuditRecordAndIsRefusedWithoutPermission() throws Exception {
		String phone = TestVolunteers.mobile();
		long volunteer = volunteerId(registerSelf(TestVolunteers.name(), TestVolunteers.residentId("441202"), phone,
				"441202001002"));
		String records = "select count(*) from personal_data_access where volunteer_id = :v and outcome = :o";

		mvc.perform(post("/admin/volunteers/" + volunteer + "/reveal").with(csrf())
				.with(staff("441202", Roles.OFFICE_STAFF)).param("field", "PHONE").param("reason", "短"))
				.andExpect(status().isBadRequest()).andExpect(content().string(not(containsString(phone))))
				.andExpect(content().string(containsString("id=\"reason-error\"")));
		assertThat(jdbc.sql(records).param("v", volunteer).param("o", "GRANTED").query(Long.class).single()).isZero();

		mvc.perform(post("/admin/volunteers/" + volunteer + "/reveal").with(csrf())
				.with(staff("441202", Roles.OFFICE_STAFF)).param("field", "PHONE").param("reason", "联系本人确认排班"))
				.andExpect(status().isOk()).andExpect(header().string("Cache-Control", containsString("no-store")))
				.andExpect(content().string(containsString(phone)));
		Map<String, Object> record = jdbc.sql("""
				select actor_username, field, reason, outcome, ip from personal_data_access
				where volunteer_id = :v order by id desc limit 1""").param("v", volunteer).query().singleRow();
		assertThat(record).containsEntry("actor_username", "test-441202").containsEntry("field", "PHONE")
				.containsEntry("reason", "联系本人确认排班").containsEntry("outcome", "GRANTED");
		assertThat(record.get("ip")).isNotNull();

		for (String role : List.of(Roles.SITE_ADMIN, Roles.TEAM_LEADER)) {
			mvc.perform(post("/api/v1/admin/volunteers/" + volunteer + "/reveal").with(csrf())
					.with(staff("441202", role)).contentType(MediaType.APPLICATION_JSON)
					.content("{\"field\":\"PHONE\",\"reason\":\"想看看号码\"}"))
					.andExpect(status().isForbidden()).andExpect(content().string(not(containsString(phone))));
		}
		assertThat(jdbc.sql(records).param("v", volunteer).param("o", "REFUSED").query(Long.class).single())
				.isEqualTo(2);
		// the records are browsable by office staff in scope, not by another county
		mvc.perform(get("/admin/personal-data-access").with(staff("441202", Roles.OFFICE_STAFF)))
				.andExpect(status().isOk()).andExpect(content().string(containsString("联系本人确认排班")));
		mvc.perform(get("/admin/personal-data-access").with(staff("441203", Roles.OFFICE_STAFF)))
				.andExpect(status().isOk()).andExpect(content().string(not(containsString("联系本人确认排班"))));
	}

	@Test
	void pinyinInitialsFindAName() throws Exception {
		String username = registerSelf("张三", TestVolunteers.residentId("441202"), TestVolunteers.mobile(),
				"441202001002");
		String number = jdbc.sql("select volunteer_number from volunteer where id = :id")
				.param("id", volunteerId(username)).query(String.class).single();
		assertThat(number).matches("4412[2-9A-HJKMNP-Z]{8}");
		for (String q : List.of("zs", "ZS", "z", "张")) {
			mvc.perform(get("/api/v1/admin/volunteers").param("q", q).param("size", "100")
					.with(staff("441202", Roles.OFFICE_STAFF)))
					.andExpect(status().isOk()).andExpect(jsonPath("$.items[*].volunteerNumber", hasItem(number)));
		}
		mvc.perform(get("/api/v1/admin/volunteers").param("q", "ls").with(staff("441202", Roles.OFFICE_STAFF)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items[*].volunteerNumber", not(hasItem(number))));
		mvc.perform(get("/admin/volunteers").param("q", "zs").with(staff("441202", Roles.TEAM_LEADER)))
				.andExpect(status().isOk()).andExpect(content().string(containsString(number)));
	}

	@Test
	void searchStaysInsideTheScope() throws Exception {
		String phone = TestVolunteers.mobile();
		String username = registerSelf(TestVolunteers.name(), TestVolunteers.residentId("441203"), phone,
				"441203101001");
		long id = volunteerId(username);
		String number = jdbc.sql("select volunteer_number from volunteer where id = :id").param("id", id)
				.query(String.class).single();
		String last4 = phone.substring(7);
		for (String[] filter : List.of(new String[] { "number", number }, new String[] { "phone4", last4 })) {
			mvc.perform(get("/api/v1/admin/volunteers").param(filter[0], filter[1]).param("size", "100")
					.with(staff("441202", Roles.OFFICE_STAFF)))
					.andExpect(status().isOk()).andExpect(jsonPath("$.items[*].volunteerNumber", not(hasItem(number))));
			mvc.perform(get("/api/v1/admin/volunteers").param(filter[0], filter[1]).param("size", "100")
					.with(staff("4412", Roles.OFFICE_STAFF)))
					.andExpect(status().isOk()).andExpect(jsonPath("$.items[*].volunteerNumber", hasItem(number)))
					.andExpect(content().string(not(containsString(phone))));
		}
		mvc.perform(get("/api/v1/admin/volunteers").param("region", "441203").with(staff("441202", Roles.OFFICE_STAFF)))
				.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/admin/volunteers/" + id).with(staff("441202", Roles.OFFICE_STAFF)))
				.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/admin/volunteers").param("skill", "IT").param("region", "441203")
				.param("size", "100").with(staff("4412", Roles.OFFICE_STAFF)))
				.andExpect(status().isOk()).andExpect(jsonPath("$.items[*].volunteerNumber", hasItem(number)));
	}

	@Test
	void ownPageShowsMaskedDataEditsAndWithdraws() throws Exception {
		String phone = TestVolunteers.mobile();
		String username = registerSelf(TestVolunteers.name(), TestVolunteers.residentId("441202"), phone,
				"441202001002");
		long id = volunteerId(username);
		long userId = jdbc.sql("select user_id from volunteer where id = :id").param("id", id).query(Long.class).single();
		RequestPostProcessor me = new TestUsers(regions).volunteer(userId, username, "441202001002");
		mvc.perform(get("/me/volunteer").with(me)).andExpect(status().isOk())
				.andExpect(content().string(containsString(phone.substring(0, 3) + "****" + phone.substring(7))))
				.andExpect(content().string(not(containsString(phone))));
		String newPhone = TestVolunteers.mobile();
		mvc.perform(post("/me/volunteer").with(me).with(csrf()).param("phone", newPhone).param("availability", "工作日晚上")
				.param("skills", "LEGAL").param("version", "0"))
				.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select phone_last4 || availability || skills::text from volunteer where id = :id")
				.param("id", id).query(String.class).single()).isEqualTo(newPhone.substring(7) + "工作日晚上{LEGAL}");
		mvc.perform(post("/me/volunteer").with(me).with(csrf()).param("phone", "<script>").param("version", "1"))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("id=\"phone-error\"")));
		mvc.perform(post("/me/volunteer/withdraw").with(me).with(csrf())).andExpect(status().isBadRequest());
		mvc.perform(post("/me/volunteer/withdraw").with(me).with(csrf()).param("confirm", "true"))
				.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select status from volunteer where id = :id").param("id", id).query(String.class).single())
				.isEqualTo("WITHDRAWN");
		assertThat(jdbc.sql("select string_agg(action, ',' order by id) from volunteer_history where volunteer_id = :id")
				.param("id", id).query(String.class).single()).isEqualTo("REGISTERED,UPDATED,WITHDRAWN");
	}

	static String toFullWidth(String ascii) {
		StringBuilder out = new StringBuilder();
		ascii.chars().forEach(c -> out.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : (char) c));
		return new String(out.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}
}
