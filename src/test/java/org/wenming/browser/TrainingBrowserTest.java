package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenming.account.AccountFixtures;
import org.wenming.shared.Roles;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

/**
 * Training in a real browser: the county office creates a first-aid course on a desktop in Traditional Chinese;
 * the volunteer, on a phone in the elderly mode, finds it from their own page and enrols; once the course has taken
 * place the office records the completion, and the volunteer sees the qualification with its expiry.
 */
@BrowserTest
class TrainingBrowserTest {

	private static final String COUNTY = "441202";

	private static final String PASSWORD = "Training-mode-2026";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Volunteers volunteers;

	@Test
	void theOfficeCreatesACourseTheVolunteerEnrolsAndCompletes(Browsers browsers) {
		String tag = AccountFixtures.unique("tb").substring(3, 9);
		String username = "training-vol-" + tag;
		Volunteer volunteer = volunteers.registerSelf(TestVolunteers.draft(TestVolunteers.name(),
				TestVolunteers.residentId(COUNTY), TestVolunteers.mobile(), COUNTY), username, PASSWORD);
		String office = AccountFixtures.unique("training-office");
		new AccountFixtures(jdbc, encoder).user(office, COUNTY, Roles.OFFICE_STAFF);

		// the office, desktop, Traditional Chinese
		Browser desk = browsers.open(Viewport.DESKTOP, "zh-TW");
		desk.signIn(office, AccountFixtures.PASSWORD);
		desk.open("/admin/training/new");
		desk.fill("title", "紅十字救護員培訓" + tag).fill("provider", "端州區紅十字會").fill("place", "端州區紅十字會")
			.fill("hours", "16").choose("regionCode", COUNTY).choose("qualification", "FIRST_AID")
			.fill("validityMonths", "36");
		// a date field's typing depends on the browser's locale: its value is set as the form sends it
		desk.script("document.getElementById('startsOn').value = arguments[0]",
				java.time.LocalDate.now().plusDays(10).toString());
		desk.clickToNextPage("form.form button[type=submit]");
		assertThat(desk.text()).contains("紅十字救護員培訓" + tag).contains("已儲存").contains("急救");
		long course = jdbc.sql("select id from training_course where title = :t").param("t", "紅十字救護員培訓" + tag)
			.query(Long.class).single();

		// the volunteer, phone, elderly mode: from their page to the course, enrolled
		Browser phone = browsers.open(Viewport.PHONE);
		phone.signIn(username, PASSWORD);
		phone.open("/?care=on");
		ElderlyModeBrowserTest.assertElderlyPage(phone.open("/me/volunteer"));
		phone.clickToNextPage("a[href='/me/training']");
		ElderlyModeBrowserTest.assertElderlyPage(phone);
		assertThat(phone.text()).contains("紅十字救護員培訓" + tag).contains("暂无资质");
		phone.clickToNextPage("form[action='/me/training/" + course + "/enrol'] button[type=submit]");
		ElderlyModeBrowserTest.assertElderlyPage(phone);
		assertThat(phone.text()).contains("报名成功").contains("已报名");

		// the course took place (as the clock would have it): the office records the completion
		jdbc.sql("update training_course set starts_on = current_date - 1 where id = :id").param("id", course).update();
		desk.open("/admin/training/" + course);
		assertThat(desk.text()).contains(volunteer.volunteerNumber()).contains("已報名");
		desk.fill("volunteerNumber", volunteer.volunteerNumber()).choose("status", "COMPLETED")
			.fill("certificateNumber", "HK-" + tag);
		desk.script("document.getElementById('completedOn').value = arguments[0]", java.time.LocalDate.now().toString());
		desk.clickToNextPage("form[action='/admin/training/" + course + "/enrolments'] button[type=submit]");
		assertThat(desk.text()).contains("已記錄").contains("已結業").contains("HK-" + tag);

		phone.open("/me/training");
		ElderlyModeBrowserTest.assertElderlyPage(phone);
		assertThat(phone.text()).contains("急救").contains("有效期至").contains("HK-" + tag);
	}
}
