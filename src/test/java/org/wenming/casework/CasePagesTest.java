package org.wenming.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.casework.photo.TestImages;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;

/**
 * The casework pages as people use them: a hotline call entered, registered and dispatched from the
 * case page, the unit's fix with an after-photo (served back without metadata), verification;
 * errors next to the field; the queues; the admin pages for units, categories and the calendar.
 */
@WenmingTest
class CasePagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Cases cases;

	@Autowired
	Regions regions;

	CaseFixtures f;

	RequestPostProcessor office;

	RequestPostProcessor handler;

	long unit;

	long handlerId;

	@BeforeEach
	void setUp() {
		f = new CaseFixtures(jdbc, cases, regions);
		long officeId = f.account("441202", Roles.OFFICE_STAFF);
		office = f.as(officeId, "441202", Roles.OFFICE_STAFF);
		handlerId = f.account("441202", Roles.UNIT_HANDLER);
		handler = f.as(handlerId, "441202", Roles.UNIT_HANDLER);
		unit = f.unit("441202", handlerId);
	}

	@Test
	void aHotlineCallIsEnteredDispatchedFixedWithAPhotoAndClosedThroughThePages() throws Exception {
		// a bad entry comes back with the message next to the field and nothing stored
		String refused = mvc.perform(post("/admin/cases/new").with(office).with(csrf()).param("source", "HOTLINE")
				.param("categoryCode", "SANITATION").param("description", "热线：垃圾堆放").param("regionCode", "441203"))
				.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("id=\"regionCode-error\"").contains("热线：垃圾堆放");
		String location = mvc.perform(post("/admin/cases/new").with(office).with(csrf()).param("source", "HOTLINE")
				.param("categoryCode", "SANITATION").param("description", "热线：菜市场门口垃圾堆放").param("regionCode", "441202")
				.param("reporterName", "李女士").param("reporterContact", "13800138000"))
				.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.replaceAll("/admin/cases/(\\d+)\\?.*", "$1"));
		String page = mvc.perform(get(location).with(office)).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();
		assertThat(page).contains("热线：菜市场门口垃圾堆放").contains("138****8000").doesNotContain("13800138000")
				.contains("<dd>端州区</dd>")
				.contains("/steps/REGISTER").doesNotContain("/steps/ACCEPT");

		stepPage(id, "REGISTER", office, "version", "0").andExpect(status().is3xxRedirection());
		// dispatch without a unit: the message sits next to the unit field
		String noUnit = stepPage(id, "DISPATCH", office, "version", "1").andExpect(status().isBadRequest())
				.andReturn().getResponse().getContentAsString();
		assertThat(noUnit).contains("id=\"DISPATCH-unitId-error\"");
		stepPage(id, "DISPATCH", office, "version", "1", "unitId", String.valueOf(unit))
				.andExpect(status().is3xxRedirection());
		// a stale form is refused with the rule shown on the form
		assertThat(stepPage(id, "REGISTER", office, "version", "0").andExpect(status().isConflict()).andReturn()
				.getResponse().getContentAsString()).contains("案件已被他人更新");

		assertThat(mvc.perform(get("/unit/cases").with(handler)).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString()).contains("/admin/cases/" + id);
		stepPage(id, "ACCEPT", handler, "version", "2").andExpect(status().is3xxRedirection());
		// a file that is no image is refused next to the photo input, and the case stays in progress
		String badPhoto = mvc.perform(multipart("/admin/cases/" + id + "/steps/SUBMIT_FIX")
				.file(new MockMultipartFile("photos", "fix.jpg", "image/jpeg", "<?php echo 1; ?>".getBytes()))
				.param("version", "3").param("note", "已清理").with(handler).with(csrf()))
				.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(badPhoto).contains("id=\"SUBMIT_FIX-photos-error\"");
		assertThat(cases.find(id).orElseThrow().status()).isEqualTo(CaseStatus.IN_PROGRESS);
		mvc.perform(multipart("/admin/cases/" + id + "/steps/SUBMIT_FIX")
				.file(new MockMultipartFile("photos", "fix.jpg", "image/jpeg",
						TestImages.jpegWithExif(80, 60, 1, "GPS 23.05,112.46")))
				.param("version", "3").param("note", "已清理并消杀").with(handler).with(csrf()))
				.andExpect(status().is3xxRedirection());
		long photo = jdbc.sql("select id from case_photo where case_id = :id and stage = 'AFTER'").param("id", id)
				.query(Long.class).single();
		assertThat(jdbc.sql("select detail::text from case_event where case_id = :id and kind = 'FIX_SUBMITTED'")
				.param("id", id).query(String.class).single()).contains(String.valueOf(photo));
		byte[] served = mvc.perform(get("/admin/cases/" + id + "/photos/" + photo).with(office))
				.andExpect(status().isOk()).andExpect(header().string("X-Content-Type-Options", "nosniff"))
				.andReturn().getResponse().getContentAsByteArray();
		assertThat(new String(served, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Exif")
				.doesNotContain("GPS 23.05");
		// a photo is served only under its own case
		long other = f.report("441202", "SANITATION");
		mvc.perform(get("/admin/cases/" + other + "/photos/" + photo).with(office)).andExpect(status().isNotFound());

		String review = mvc.perform(get("/admin/cases/" + id).with(office)).andExpect(status().isOk()).andReturn()
				.getResponse().getContentAsString();
		assertThat(review).contains("/steps/VERIFY").contains("/admin/cases/" + id + "/photos/" + photo);
		stepPage(id, "VERIFY", office, "version", "4").andExpect(status().is3xxRedirection());
		assertThat(cases.find(id).orElseThrow().status()).isEqualTo(CaseStatus.CLOSED);
		String closed = mvc.perform(get("/admin/cases/" + id).with(office).param("lang", "en")).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
		assertThat(closed).contains("Verified and closed").contains("/steps/REOPEN");
	}

	@Test
	void theListsFilterAndPage() throws Exception {
		long id = f.report("441202", "PUBLIC_TOILET");
		String list = mvc.perform(get("/admin/cases").param("category", "PUBLIC_TOILET").param("region", "441202")
				.param("status", "REPORTED").with(office)).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();
		assertThat(list).contains("/admin/cases/" + id);
		mvc.perform(get("/admin/cases").param("status", "<b>").with(office)).andExpect(status().isBadRequest());
		mvc.perform(get("/admin/cases/supervision").with(office)).andExpect(status().isOk());
		mvc.perform(get("/unit/cases").with(office)).andExpect(status().isForbidden());
		mvc.perform(get("/inspector/cases").with(f.users.staff("441202", Roles.INSPECTOR))).andExpect(status().isOk());
		mvc.perform(get("/admin/cases").with(handler)).andExpect(status().isForbidden());
	}

	@Test
	void officeStaffKeepUnitsAndTheCityKeepsCategoriesAndTheCalendar() throws Exception {
		RequestPostProcessor city = f.users.staff("4412", Roles.OFFICE_STAFF);
		String name = "端州区测试城管局" + CaseFixtures.suffix();
		mvc.perform(post("/admin/casework/units").with(office).with(csrf()).param("name", name).param("kind", "BUREAU")
				.param("regionCode", "441202")).andExpect(status().isOk());
		long created = jdbc.sql("select id from responsible_unit where name = :n").param("n", name).query(Long.class).single();
		String username = jdbc.sql("select username from app_user where id = :id").param("id", handlerId)
				.query(String.class).single();
		mvc.perform(post("/admin/casework/units/" + created + "/members").with(office).with(csrf())
				.param("username", username)).andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from responsible_unit_member where unit_id = :u").param("u", created)
				.query(Long.class).single()).isEqualTo(1);
		assertThat(mvc.perform(post("/admin/casework/units/" + created + "/members").with(office).with(csrf())
				.param("username", "nobody-" + CaseFixtures.suffix())).andExpect(status().isBadRequest()).andReturn()
				.getResponse().getContentAsString()).contains("id=\"unit-" + created + "-error\"");

		// categories: a county office may not; the city edits a deadline, which the next dispatch uses
		mvc.perform(get("/admin/casework/categories").with(office)).andExpect(status().isForbidden());
		String code = "TEST_" + CaseFixtures.suffix().toUpperCase().replaceAll("[^A-Z0-9]", "X");
		mvc.perform(post("/admin/casework/categories").with(city).with(csrf()).param("code", code)
				.param("parentCode", "CIVIC_ORDER").param("nameZh", "测试类别").param("nameEn", "Test")
				.param("deadlineAmount", "3").param("deadlineUnit", "WORKING_DAYS").param("active", "true"))
				.andExpect(status().isOk());
		assertThat(cases.category(code)).isPresent();
		assertThat(mvc.perform(post("/admin/casework/categories/" + code).with(city).with(csrf()).param("nameZh", "测试类别")
				.param("nameEn", "Test").param("deadlineAmount", "0").param("deadlineUnit", "WORKING_DAYS"))
				.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString())
				.contains("id=\"" + code + "-error\"");
		mvc.perform(post("/admin/casework/categories/" + code).with(city).with(csrf()).param("nameZh", "测试类别")
				.param("nameEn", "Test").param("deadlineAmount", "2").param("deadlineUnit", "WORKING_HOURS")
				.param("active", "true")).andExpect(status().isOk());
		assertThat(cases.category(code).orElseThrow().deadlineUnit()).isEqualTo(CaseCategory.DeadlineUnit.WORKING_HOURS);

		// the calendar: a day set and removed; a bad date refused next to the field
		String year = String.valueOf(LocalDate.now().getYear() + 3);
		mvc.perform(post("/admin/casework/calendar").with(city).with(csrf()).param("day", year + "-03-02")
				.param("kind", "HOLIDAY").param("name", "测试假日")).andExpect(status().isOk());
		assertThat(mvc.perform(get("/admin/casework/calendar").param("year", year).with(city)).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString()).contains("测试假日");
		assertThat(mvc.perform(post("/admin/casework/calendar").with(city).with(csrf()).param("day", "2026-02-30")
				.param("kind", "HOLIDAY").param("name", "x")).andExpect(status().isBadRequest()).andReturn().getResponse()
				.getContentAsString()).contains("id=\"day-error\"");
		mvc.perform(post("/admin/casework/calendar/" + year + "-03-02/remove").with(city).with(csrf()))
				.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from work_calendar_day where day = cast(:d as date)").param("d", year + "-03-02")
				.query(Long.class).single()).isZero();
		mvc.perform(get("/admin/casework/calendar").with(office)).andExpect(status().isForbidden());
	}

	org.springframework.test.web.servlet.ResultActions stepPage(long id, String action, RequestPostProcessor who,
			String... params) throws Exception {
		var request = post("/admin/cases/" + id + "/steps/" + action).with(who).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request);
	}
}
