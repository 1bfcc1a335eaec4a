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
 * The volunteer's record in a real browser: the county office records a commendation and a complaint and starts
 * the investigation on a desktop in Traditional Chinese; the volunteer, on a phone in the elderly mode, finds both
 * from their own page, never sees who complained, and responds once.
 */
@BrowserTest
class VolunteerRecordBrowserTest {

	private static final String COUNTY = "441202";

	private static final String PASSWORD = "Record-mode-2026";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Volunteers volunteers;

	@Test
	void theOfficeRecordsAndTheVolunteerReadsAndResponds(Browsers browsers) {
		String tag = AccountFixtures.unique("rb").substring(3, 9);
		String username = "record-vol-" + tag;
		Volunteer volunteer = volunteers.registerSelf(TestVolunteers.draft(TestVolunteers.name(),
				TestVolunteers.residentId(COUNTY), TestVolunteers.mobile(), COUNTY), username, PASSWORD);
		String office = AccountFixtures.unique("record-office");
		new AccountFixtures(jdbc, encoder).user(office, COUNTY, Roles.OFFICE_STAFF);

		// the office, desktop, Traditional Chinese
		Browser desk = browsers.open(Viewport.DESKTOP, "zh-TW");
		desk.signIn(office, AccountFixtures.PASSWORD);
		desk.open("/admin/commendations/new");
		desk.fill("volunteerNumber", volunteer.volunteerNumber()).fill("title", "端州區優秀志願者" + tag)
			.fill("issuer", "端州區文明辦").choose("level", "DISTRICT");
		// a date field's typing depends on the browser's locale: its value is set as the form sends it
		desk.script("document.getElementById('awardedOn').value = '2026-03-05'");
		desk.clickToNextPage("form.form button[type=submit]");
		assertThat(desk.text()).contains("端州區優秀志願者" + tag).contains("已儲存");
		desk.open("/admin/complaints/new");
		desk.fill("volunteerNumber", volunteer.volunteerNumber()).tick("kind-resident")
			.fill("complainantName", "陳投訴人" + tag).fill("summary", "上門服務遲到半小時" + tag);
		desk.clickToNextPage("form.form button[type=submit]");
		assertThat(desk.text()).contains("已受理").contains("陳投訴人" + tag);
		desk.fill("reason", "聯繫雙方核實");
		desk.pressToNextPage("開始調查");
		assertThat(desk.text()).contains("調查中").contains("聯繫雙方核實");

		// the volunteer, phone, elderly mode
		Browser phone = browsers.open(Viewport.PHONE);
		phone.signIn(username, PASSWORD);
		phone.open("/?care=on");
		ElderlyModeBrowserTest.assertElderlyPage(phone.open("/me/volunteer"));
		phone.clickToNextPage("a[href='/me/commendations']");
		ElderlyModeBrowserTest.assertElderlyPage(phone);
		assertThat(phone.text()).contains("端州區優秀志願者" + tag);
		phone.open("/me/volunteer");
		phone.clickToNextPage("a[href='/me/complaints']");
		ElderlyModeBrowserTest.assertElderlyPage(phone);
		assertThat(phone.text()).contains("上門服務遲到半小時" + tag).doesNotContain("陳投訴人").doesNotContain("群众");
		long complaint = jdbc.sql("select id from complaint where volunteer_id = :v").param("v", volunteer.id())
			.query(Long.class).single();
		phone.fill("response-" + complaint, "那天公交晚点，已向居民致歉");
		phone.clickToNextPage("form[action='/me/complaints/" + complaint + "/response'] button[type=submit]");
		ElderlyModeBrowserTest.assertElderlyPage(phone);
		assertThat(phone.text()).contains("已保存").contains("那天公交晚点，已向居民致歉");
		assertThat(phone.has("#response-" + complaint)).isFalse();
	}
}
