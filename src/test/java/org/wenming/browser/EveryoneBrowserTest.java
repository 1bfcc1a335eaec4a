package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.account.AccountFixtures;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteers;

/**
 * The promise, person by person, on a 375 px phone: one who reads Traditional Chinese and
 * one of 72 with weak eyes (the elderly mode) each register, sign up, check in with the organizer's
 * code and report a problem with a photo. (The person without a mouse does the same in
 * {@link VolunteerKeyboardBrowserTest} and {@link CaseReportBrowserTest}.) Every page on the way is
 * checked for what that person needs.
 */
@BrowserTest
class EveryoneBrowserTest {

	enum Person {

		/** A Taiwanese or Hong Kong reader: the browser asks for zh-TW and gets it without a switch. */
		READS_TRADITIONAL_CHINESE("zh-TW", Locale.TRADITIONAL_CHINESE, false),

		/** Weak eyes: the elderly mode, switched on once on the home page. */
		SEVENTY_TWO_WITH_WEAK_EYES("zh-CN", Locale.SIMPLIFIED_CHINESE, true);

		final String browserLanguage;

		final Locale locale;

		final boolean elderly;

		Person(String browserLanguage, Locale locale, boolean elderly) {
			this.browserLanguage = browserLanguage;
			this.locale = locale;
			this.elderly = elderly;
		}
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	@Autowired
	VolunteerFlowData data;

	@ParameterizedTest
	@EnumSource(Person.class)
	void registersSignsUpChecksInAndReportsAProblem(Person person, Browsers browsers) {
		VolunteerFlowData.Leader leader = data.team();
		VolunteerFlowData.Place place = VolunteerFlowData.somewhereNew();
		VolunteerFlowData.Event event = data.activity(leader, place, Duration.ofMinutes(10), Duration.ofHours(2));
		Browser b = browsers.open(Viewport.PHONE, person.browserLanguage);
		if (person.elderly) {
			b.open("/?care=on");
		}

		// registration
		b.open("/volunteers/register");
		assertThat(b.heading()).isEqualTo(t(person, "volunteer.register.title"));
		check(person, b);
		String username = AccountFixtures.unique("every");
		VolunteerRegistrationBrowserTest.fillPerson(b, TestVolunteers.name(), TestVolunteers.residentId("441202"), username);
		b.clickToNextPage("main form button[type=submit]");
		assertThat(b.heading()).as(b.text()).isEqualTo(t(person, "volunteer.registered.title"));
		check(person, b);

		// sign-in and sign-up
		b.signIn(username, VolunteerFlowData.PASSWORD);
		b.open("/activities/" + event.activityId());
		assertThat(b.heading()).isEqualTo(event.title());
		check(person, b);
		b.pressToNextPage(t(person, "activity.signup.submit"));
		assertThat(b.find("main .notice[role=status]").getText()).isEqualTo(t(person, "activity.done.CONFIRMED"));
		check(person, b);

		// check-in with the code on the organizer's phone
		Browser organizer = browsers.open(Viewport.PHONE);
		organizer.signIn(leader.username(), AccountFixtures.PASSWORD);
		organizer.open("/checkin/shifts/" + event.shiftId() + "/code");
		b.open(VolunteerServiceHoursBrowserTest.scanCode(organizer));
		assertThat(b.heading()).isEqualTo(t(person, "checkin.title"));
		check(person, b);
		b.pressToNextPage(t(person, "checkin.action.IN"));
		assertThat(b.find("main .notice[role=status]").getText()).isEqualTo(t(person, "checkin.outcome.CHECKED_IN"));
		check(person, b);

		// a problem report with a photo and the phone's position, followed by its link
		b.open("/cases/report");
		check(person, b);
		b.choose("categoryCode", "OVERHEAD_CABLES");
		String description = "路边电线垂落 " + username;
		b.fill("description", description);
		b.find("#photos").sendKeys(Photos.jpeg("everyone-" + person).toString());
		VolunteerServiceHoursBrowserTest.standAt(b, place);
		b.click("#locate");
		b.waitUntil(d -> !b.find("#latitude").getDomProperty("value").isEmpty());
		b.choose("regionCode-COUNTY", "441202");
		b.waitUntil(d -> "441202".equals(b.script("return document.getElementById('regionCode').value")));
		b.clickToNextPage("#report-form button[type=submit]");
		assertThat(b.path()).startsWith("/cases/follow/");
		assertThat(b.find("dl.facts .badge").getText()).isEqualTo(t(person, "casework.citizen.status.REPORTED"));
		check(person, b);
		assertThat(jdbc.sql("select count(*) from rectification_case where description = :d").param("d", description)
			.query(Integer.class).single()).isEqualTo(1);
	}

	/** What this person needs of every page: their script, or large type, big targets and 7:1 contrast. */
	private static void check(Person person, Browser b) {
		if (person.elderly) {
			ElderlyModeBrowserTest.assertElderlyPage(b);
		}
		else {
			assertThat(b.find("html").getAttribute("lang")).as("lang of %s", b.path()).isEqualTo("zh-TW");
			PageChecks.assertFitsAndAccessible(b);
		}
	}

	private String t(Person person, String key, Object... args) {
		return messages.getMessage(key, args, person.locale);
	}
}
