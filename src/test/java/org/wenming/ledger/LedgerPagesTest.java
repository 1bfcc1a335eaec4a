package org.wenming.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.wenming.ledger.LedgerFixtures.served;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.wenming.ledger.internal.TotalsCheck;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

/**
 * The ledger as people meet it: staff record hours from a paper sheet and browse records in their
 * scope; a volunteer reads their hours and star and asks for a correction or a missing record;
 * staff approve (a new record, the old one unchanged) or decline; bad input is refused by field.
 */
@WenmingTest
class LedgerPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	@Qualifier("applicationTaskExecutor")
	TaskExecutor listeners;

	@Autowired
	TotalsCheck totals;

	LedgerFixtures fixtures;

	TestUsers users;

	RequestPostProcessor duanzhouOffice;

	long team;

	String yesterday;

	@BeforeEach
	void teamOfDuanzhou() {
		fixtures = new LedgerFixtures(volunteers, events, transactions, jdbc, listeners);
		users = new TestUsers(regions);
		duanzhouOffice = users.staff("441202", Roles.OFFICE_STAFF);
		team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', '441202', '44.4412.441202.', 'test') returning id""")
			.param("name", "端州台账测试队" + LedgerFixtures.shiftId()).query(Long.class).single();
		yesterday = LocalDate.now(CityTime.ZONE).minusDays(1).toString();
	}

	MockHttpServletRequestBuilder manual(String number, String title, String start, String end) {
		return manual(number, title, start, end, Map.of());
	}

	/** The manual-record form; {@code changed} replaces fields (MockMvc's param() would add a second value). */
	MockHttpServletRequestBuilder manual(String number, String title, String start, String end,
			Map<String, String> changed) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("volunteerNumber", number);
		fields.put("organizationKind", "TEAM");
		fields.put("organizationId", String.valueOf(team));
		fields.put("activityType", "SERVICE");
		fields.put("activityTitle", title);
		fields.put("day", yesterday);
		fields.put("start", start);
		fields.put("end", end);
		fields.put("confirmedBy", "张队长");
		fields.putAll(changed);
		MockHttpServletRequestBuilder request = post("/admin/ledger/records/new").with(csrf());
		fields.forEach(request::param);
		return request;
	}

	@Test
	void staffRecordAPaperSheetAndFindItInTheirList() throws Exception {
		Volunteer volunteer = fixtures.volunteer("441202");
		mvc.perform(manual(volunteer.volunteerNumber(), "社区清洁纸质签到", "08:10", "11:00").with(duanzhouOffice))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select hours from service_record where volunteer_id = :v").param("v", volunteer.id())
			.query(BigDecimal.class).single()).isEqualByComparingTo("2.5");
		assertThat(jdbc.sql("select recorded_by || '/' || confirmed_by || '/' || kind from service_record where volunteer_id = :v")
			.param("v", volunteer.id()).query(String.class).single()).isEqualTo("test-441202/张队长/MANUAL");
		mvc.perform(get("/admin/ledger").param("volunteer", volunteer.volunteerNumber()).with(duanzhouOffice))
			.andExpect(status().isOk()).andExpect(content().string(containsString("社区清洁纸质签到")))
			.andExpect(content().string(containsString("共 1 条记录")));
		mvc.perform(get("/api/v1/admin/ledger/records").param("volunteer", volunteer.volunteerNumber())
			.param("team", String.valueOf(team)).param("from", yesterday).param("to", yesterday).with(duanzhouOffice))
			.andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].hours").value(2.5));
		// 鼎湖区 staff do not see it, nor may they record for a 端州 team
		RequestPostProcessor dinghu = users.staff("441203", Roles.OFFICE_STAFF);
		mvc.perform(get("/admin/ledger").param("volunteer", volunteer.volunteerNumber()).with(dinghu))
			.andExpect(status().isOk()).andExpect(content().string(not(containsString("社区清洁纸质签到"))));
		mvc.perform(manual(volunteer.volunteerNumber(), "越权补记", "12:00", "13:00").with(dinghu))
			.andExpect(status().isBadRequest()).andExpect(content().string(containsString("没有这个队伍或阵地")));
		assertThat(fixtures.records(volunteer.id())).isEqualTo(1);
		// a volunteer is not staff
		mvc.perform(get("/admin/ledger").with(users.person(1, "441202", Roles.VOLUNTEER))).andExpect(status().isForbidden());
	}

	@Test
	void badInputIsRefusedByFieldAndNothingIsStored() throws Exception {
		Volunteer volunteer = fixtures.volunteer("441202");
		String number = volunteer.volunteerNumber();
		Map<String, MockHttpServletRequestBuilder> cases = Map.ofEntries(
				Map.entry("volunteerNumber", manual("１２３４５", "全角编号", "08:00", "09:00")),
				Map.entry("activityTitle", manual(number, "<script>alert(1)</script>", "08:00", "09:00")),
				Map.entry("activityTitle ", manual(number, "表情😀活动", "08:00", "09:00")),
				Map.entry("activityTitle  ", manual(number, "控制\u0007字符", "08:00", "09:00")),
				Map.entry("activityTitle   ", manual(number, "长".repeat(101), "08:00", "09:00")),
				Map.entry("start", manual(number, "时间错误", "８:00", "09:00")),
				Map.entry("end", manual(number, "时间错误", "08:00", "25:99")),
				Map.entry("day", manual(number, "日期错误", "08:00", "09:00", Map.of("day", "2026-02-30"))),
				Map.entry("organizationId", manual(number, "编号错误", "08:00", "09:00", Map.of("organizationId", "x1"))),
				Map.entry("confirmedBy", manual(number, "证明人空", "08:00", "09:00", Map.of("confirmedBy", ""))));
		for (var entry : cases.entrySet()) {
			String field = entry.getKey().strip();
			mvc.perform(entry.getValue().with(duanzhouOffice)).andExpect(result -> assertThat(
					result.getResponse().getStatus()).as(entry.getKey()).isEqualTo(400))
				.andExpect(content().string(containsString("id=\"" + field + "-error\"")));
		}
		mvc.perform(post("/api/v1/admin/ledger/records").with(csrf()).with(duanzhouOffice)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"volunteerNumber\":\"" + number + "\",\"organizationKind\":\"TEAM\",\"organizationId\":\"" + team
					+ "\",\"activityTitle\":\"<b>x</b>\",\"day\":\"" + yesterday + "\",\"start\":\"08:00\",\"end\":\"09:00\","
					+ "\"confirmedBy\":\"张队长\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("activityTitle"));
		mvc.perform(post("/api/v1/admin/ledger/records").with(csrf()).with(duanzhouOffice)
			.contentType(MediaType.APPLICATION_JSON).content("{\"volunteerNumber\": [1, 2"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/admin/ledger/records").with(csrf()).with(duanzhouOffice)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"volunteerNumber\":\"" + number + "\",\"organizationKind\":\"TEAM\",\"organizationId\":\"" + team
					+ "\",\"activityTitle\":\"将来的活动\",\"day\":\"2999-01-01\",\"start\":\"08:00\",\"end\":\"09:00\","
					+ "\"confirmedBy\":\"张队长\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("day"));
		mvc.perform(get("/admin/ledger").param("from", "2026-13-01").with(duanzhouOffice))
			.andExpect(status().isBadRequest()).andExpect(content().string(containsString("id=\"from-error\"")));
		mvc.perform(get("/api/v1/admin/ledger/records").param("size", "100000").with(duanzhouOffice))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
		assertThat(fixtures.records(volunteer.id())).isZero();
	}

	@Test
	void aVolunteerAsksAndStaffApproveOrDeclineWithoutAnyRecordChanging() throws Exception {
		Volunteer volunteer = fixtures.volunteerWithLogin("441202");
		RequestPostProcessor me = users.volunteer(volunteer.userId(), fixtures.username(volunteer.userId()), "441202");
		OffsetDateTime start = LocalDate.now(CityTime.ZONE).minusDays(2).atTime(9, 0).atZone(CityTime.ZONE)
			.toOffsetDateTime();
		long shift = LedgerFixtures.shiftId();
		fixtures.publish(LedgerFixtures.confirmed(shift, "44.4412.441202.",
				List.of(served(volunteer.id(), start, start.plusHours(2)))));
		fixtures.await(() -> fixtures.records(volunteer.id()) == 1);
		long seq = jdbc.sql("select seq from service_record where volunteer_id = :v").param("v", volunteer.id())
			.query(Long.class).single();
		mvc.perform(get("/me/hours").with(me)).andExpect(status().isOk())
			.andExpect(content().string(containsString("2.0 小时"))).andExpect(content().string(containsString("0 星")))
			.andExpect(content().string(containsString("再服务 98.0 小时升级")));
		// 更正: it was three hours
		mvc.perform(get("/me/hours/corrections/new").param("record", String.valueOf(seq)).with(me))
			.andExpect(status().isOk());
		mvc.perform(post("/me/hours/corrections").with(csrf()).with(me).param("record", String.valueOf(seq))
			.param("hours", "3.0").param("reason", "下午也在现场，少记了一小时")).andExpect(status().is3xxRedirection());
		// 补录: a Saturday that was never recorded
		mvc.perform(post("/me/hours/corrections").with(csrf()).with(me).param("teamId", String.valueOf(team))
			.param("activityTitle", "周六敬老院探访").param("day", yesterday).param("start", "14:00").param("end", "16:00")
			.param("hours", "2").param("reason", "签到表丢失，请补录")).andExpect(status().is3xxRedirection());
		List<Long> requests = jdbc.sql("select id from correction_request where volunteer_id = :v order by id")
			.param("v", volunteer.id()).query(Long.class).list();
		assertThat(requests).hasSize(2);
		// someone else's record cannot be asked about, nor can the request name a record by guesswork
		Volunteer other = fixtures.volunteerWithLogin("441202");
		mvc.perform(post("/me/hours/corrections").with(csrf())
			.with(users.volunteer(other.userId(), fixtures.username(other.userId()), "441202"))
			.param("record", String.valueOf(seq)).param("hours", "9").param("reason", "这不是我的记录"))
			.andExpect(status().isNotFound());
		// the 鼎湖 office cannot decide them; the 端州 office sees and decides them
		mvc.perform(post("/admin/ledger/corrections/" + requests.get(0) + "/approve").with(csrf())
			.with(users.staff("441203", Roles.OFFICE_STAFF))).andExpect(status().isNotFound());
		mvc.perform(get("/admin/ledger/corrections").with(duanzhouOffice)).andExpect(status().isOk())
			.andExpect(content().string(containsString("周六敬老院探访")));
		mvc.perform(post("/admin/ledger/corrections/" + requests.get(0) + "/approve").with(csrf()).with(duanzhouOffice))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/admin/ledger/corrections/" + requests.get(1) + "/decline").with(csrf()).with(duanzhouOffice)
			.param("reason", "短")).andExpect(status().isBadRequest());
		mvc.perform(post("/admin/ledger/corrections/" + requests.get(1) + "/decline").with(csrf()).with(duanzhouOffice)
			.param("reason", "队伍没有这次活动的记录")).andExpect(status().is3xxRedirection());
		mvc.perform(post("/admin/ledger/corrections/" + requests.get(0) + "/approve").with(csrf()).with(duanzhouOffice))
			.andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select kind || ' ' || hours || ' ' || coalesce(corrects_seq::text, '-') from service_record where volunteer_id = :v order by seq")
			.param("v", volunteer.id()).query(String.class).list()).containsExactly("SERVICE 2.0 -", "CORRECTION 1.0 " + seq);
		mvc.perform(get("/me/hours").with(me)).andExpect(status().isOk())
			.andExpect(content().string(containsString("3.0 小时"))).andExpect(content().string(containsString("已驳回")))
			.andExpect(content().string(containsString("队伍没有这次活动的记录")));
		mvc.perform(get("/api/v1/me/hours").with(me)).andExpect(status().isOk()).andExpect(jsonPath("$.hours").value(3.0))
			.andExpect(jsonPath("$.records").value(1));
		assertThat(totals.of(List.of(volunteer.id()))).isEmpty();
	}

	@Test
	void requestsOutsideTheWindowOrWithBadInputAreRefused() throws Exception {
		Volunteer volunteer = fixtures.volunteerWithLogin("441202");
		RequestPostProcessor me = users.volunteer(volunteer.userId(), fixtures.username(volunteer.userId()), "441202");
		OffsetDateTime old = LocalDate.now(CityTime.ZONE).minusDays(120).atTime(9, 0).atZone(CityTime.ZONE)
			.toOffsetDateTime();
		fixtures.publish(LedgerFixtures.confirmed(LedgerFixtures.shiftId(), "44.4412.441202.",
				List.of(served(volunteer.id(), old, old.plusHours(2)))));
		fixtures.await(() -> fixtures.records(volunteer.id()) == 1);
		long seq = jdbc.sql("select seq from service_record where volunteer_id = :v").param("v", volunteer.id())
			.query(Long.class).single();
		mvc.perform(post("/me/hours/corrections").with(csrf()).with(me).param("record", String.valueOf(seq))
			.param("hours", "3.0").param("reason", "四个月前少记了一小时")).andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("已超过更正期限")));
		Map<String, MockHttpServletRequestBuilder> cases = Map.of(
				"hours", post("/me/hours/corrections").param("record", String.valueOf(seq)).param("hours", "２")
					.param("reason", "全角数字的时长"),
				"hours ", post("/me/hours/corrections").param("record", String.valueOf(seq)).param("hours", "30")
					.param("reason", "超过一天的时长"),
				"reason", post("/me/hours/corrections").param("record", String.valueOf(seq)).param("hours", "2.5")
					.param("reason", "🙂🙂🙂🙂🙂🙂"),
				"teamId", post("/me/hours/corrections").param("teamId", "").param("activityTitle", "漏记")
					.param("day", yesterday).param("start", "08:00").param("end", "09:00").param("hours", "1")
					.param("reason", "没有填写队伍"));
		for (var entry : cases.entrySet()) {
			mvc.perform(entry.getValue().with(csrf()).with(me)).andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("id=\"" + entry.getKey().strip() + "-error\"")));
		}
		assertThat(jdbc.sql("select count(*) from correction_request where volunteer_id = :v").param("v", volunteer.id())
			.query(Long.class).single()).isZero();
		mvc.perform(get("/me/hours/corrections/new").param("record", "99999999999").with(me)).andExpect(status().isNotFound());
	}

	@Test
	void theCheckRecountsAMixedWorkloadAndReportsEveryDifference() throws Exception {
		Volunteer first = fixtures.volunteerWithLogin("441202");
		Volunteer second = fixtures.volunteer("441202");
		OffsetDateTime start = LocalDate.now(CityTime.ZONE).minusDays(3).atTime(8, 0).atZone(CityTime.ZONE)
			.toOffsetDateTime();
		long shift = LedgerFixtures.shiftId();
		fixtures.publish(LedgerFixtures.confirmed(shift, "44.4412.441202.", List.of(
				served(first.id(), start, start.plusHours(7)), served(second.id(), start, start.plusMinutes(100)))));
		fixtures.await(() -> fixtures.records(first.id()) == 1 && fixtures.records(second.id()) == 1);
		mvc.perform(manual(first.volunteerNumber(), "晚间纸质签到", "18:00", "01:00",
				Map.of("day", start.toLocalDate().toString())).with(duanzhouOffice)).andExpect(status().is3xxRedirection());
		mvc.perform(manual(second.volunteerNumber(), "上年度补记", "09:00", "10:00",
				Map.of("day", LocalDate.now(CityTime.ZONE).minusYears(1).toString())).with(duanzhouOffice))
			.andExpect(status().is3xxRedirection());
		RequestPostProcessor me = users.volunteer(first.userId(), fixtures.username(first.userId()), "441202");
		long seq = jdbc.sql("select min(seq) from service_record where volunteer_id = :v").param("v", first.id())
			.query(Long.class).single();
		mvc.perform(post("/me/hours/corrections").with(csrf()).with(me).param("record", String.valueOf(seq))
			.param("hours", "6").param("reason", "中午休息了一小时")).andExpect(status().is3xxRedirection());
		long request = jdbc.sql("select id from correction_request where volunteer_id = :v").param("v", first.id())
			.query(Long.class).single();
		mvc.perform(post("/admin/ledger/corrections/" + request + "/approve").with(csrf()).with(duanzhouOffice))
			.andExpect(status().is3xxRedirection());
		// 7 h + the evening's 7 h capped at 5 h (12 h a day), then corrected to 6 h: 11 h that day
		assertThat(jdbc.sql("select hours from volunteer_hours where volunteer_id = :v").param("v", first.id())
			.query(BigDecimal.class).single()).isEqualByComparingTo("11.0");
		List<Long> ids = List.of(first.id(), second.id());
		assertThat(totals.of(ids)).isEmpty();
		List<Map<String, Object>> yearRows = jdbc.sql("select * from volunteer_year_hours where volunteer_id = :v")
			.param("v", first.id()).query().listOfRows();
		jdbc.sql("update volunteer_hours set hours = hours + 0.5 where volunteer_id = :v").param("v", second.id()).update();
		jdbc.sql("delete from volunteer_year_hours where volunteer_id = :v").param("v", first.id()).update();
		try {
			List<TotalsDifference> differences = totals.of(ids);
			assertThat(differences).extracting(d -> d.table() + " " + d.volunteerId() + " " + d.what())
				.containsExactlyInAnyOrder("volunteer_hours " + second.id() + " hours",
						"volunteer_year_hours " + first.id() + " hours", "volunteer_year_hours " + first.id() + " records");
		}
		finally {
			// put the totals back, so a whole-database check elsewhere finds nothing of ours
			jdbc.sql("update volunteer_hours set hours = hours - 0.5 where volunteer_id = :v").param("v", second.id()).update();
			for (Map<String, Object> row : yearRows) {
				jdbc.sql("insert into volunteer_year_hours (volunteer_id, year, hours, records) values (:v, :y, :h, :r)")
					.param("v", row.get("volunteer_id")).param("y", row.get("year")).param("h", row.get("hours"))
					.param("r", row.get("records")).update();
			}
		}
		assertThat(totals.of(ids)).isEmpty();
	}

	@Test
	void theCityOfficeVerifiesTheChainInTheBackground() throws Exception {
		mvc.perform(get("/admin/ledger/verify").with(users.staff("441202", Roles.OFFICE_STAFF)))
			.andExpect(status().isForbidden());
		RequestPostProcessor city = users.staff("4412", Roles.OFFICE_STAFF);
		mvc.perform(post("/admin/ledger/verify").with(csrf()).with(city)).andExpect(status().is3xxRedirection());
		fixtures.await(() -> {
			try {
				String body = mvc.perform(get("/admin/ledger/verify/status").with(city)).andReturn().getResponse()
					.getContentAsString();
				return body.contains("记录链完好") || body.contains("记录链在第");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		mvc.perform(get("/admin/ledger/verify").with(city).param("lang", "en")).andExpect(status().isOk())
			.andExpect(content().string(containsString("Verify the record chain")));
	}
}
