package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.account.AccountFixtures;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteers;

/**
 * A volunteer without a mouse, on a 375 px phone with a keyboard: registers, signs in, finds an
 * activity near them, signs up and checks in using Tab, Shift+Tab, Space, Enter and typing alone.
 * Every control reached shows where the focus is.
 */
@BrowserTest
class VolunteerKeyboardBrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	@Autowired
	VolunteerFlowData data;

	String t(String key, Object... args) {
		return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
	}

	@Test
	void registerSignInSignUpAndCheckInWithTheKeyboardAlone(Browsers browsers) {
		VolunteerFlowData.Leader leader = data.team();
		VolunteerFlowData.Place place = VolunteerFlowData.somewhereNew();
		VolunteerFlowData.Event event = data.activity(leader, place, Duration.ofMinutes(10), Duration.ofHours(2));
		Browser b = browsers.open(Viewport.PHONE);

		// register: Tab to each field and type; the picker's lists by arrow keys; boxes by Space
		b.open("/volunteers/register");
		String name = TestVolunteers.name();
		String username = AccountFixtures.unique("kbd");
		type(b, "#realName", name);
		assertFocusVisible(b);
		type(b, "#idNumber", TestVolunteers.residentId("441202"));
		type(b, "#phone", TestVolunteers.mobile());
		String[] levels = { "COUNTY", "TOWN", "VILLAGE" };
		for (int i = 0; i < levels.length; i++) {
			chooseByKeys(b, "#regionCode-" + levels[i], VolunteerFlowData.HOME[i]);
		}
		b.tabTo("#skill-MEDICAL", 40).keys(Keys.SPACE);
		assertFocusVisible(b);
		assertThat(b.find("#skill-MEDICAL").isSelected()).isTrue();
		type(b, "#username", username);
		type(b, "#password", VolunteerFlowData.PASSWORD);
		b.tabTo("#consent", 10).keys(Keys.SPACE);
		assertThat(b.find("#consent").isSelected()).isTrue();
		// back once to check the password field holds what was typed, then on to the button
		backTab(b);
		assertThat(b.focused().getAttribute("id")).isEqualTo("password");
		b.tabTo("main form button[type=submit]", 5);
		assertFocusVisible(b);
		enterAndWait(b, () -> b.heading().equals(t("volunteer.registered.title")));

		// sign in from the link the registered page offers
		b.tabTo("main a[href='/login']", 30);
		assertFocusVisible(b);
		enterAndWait(b, () -> b.path().startsWith("/login") && b.has("#username"));
		type(b, "#username", username);
		type(b, "#password", VolunteerFlowData.PASSWORD);
		enterAndWait(b, () -> !b.path().startsWith("/login"));

		// the activities by the menu, near here by the position button, then the one found
		b.tabTo("header a[href='/activities']", 30);
		assertFocusVisible(b);
		enterAndWait(b, () -> b.path().startsWith("/activities") && b.has("#locate"));
		VolunteerServiceHoursBrowserTest.standAt(b, place.north(200));
		b.tabTo("#locate", 60).keys(Keys.ENTER);
		assertFocusVisible(b);
		b.waitUntil(d -> !b.find("#lat").getAttribute("value").isEmpty());
		backTab(b);
		assertThat(b.focused().getAttribute("id")).isEqualTo("radius");
		b.keys(Keys.BACK_SPACE, "1");
		b.tabTo("main form.filters button[type=submit]", 5);
		enterAndWait(b, () -> b.path().contains("lat="));
		b.tabTo("main .card a[href='/activities/" + event.activityId() + "']", 60);
		assertFocusVisible(b);
		enterAndWait(b, () -> b.heading().equals(event.title()));
		b.tabTo("main .card form button[type=submit]", 40);
		assertFocusVisible(b);
		enterAndWait(b, () -> b.has("main .notice[role=status]"));
		assertThat(b.find("main .notice[role=status]").getText()).isEqualTo(t("activity.done.CONFIRMED"));

		// the organizer's code, read by the phone's camera, opens the check-in page
		Browser organizer = browsers.open(Viewport.PHONE);
		organizer.signIn(leader.username(), AccountFixtures.PASSWORD);
		organizer.open("/checkin/shifts/" + event.shiftId() + "/code");
		b.open(VolunteerServiceHoursBrowserTest.scanCode(organizer));
		assertThat(b.heading()).isEqualTo(t("checkin.title"));
		b.tabTo("#checkin-form button[type=submit]", 40);
		assertFocusVisible(b);
		enterAndWait(b, () -> b.has("main .notice[role=status]"));
		assertThat(b.find("main .notice[role=status]").getText()).isEqualTo(t("checkin.outcome.CHECKED_IN"));
		Integer attended = jdbc.sql("""
				select count(*) from attendance where shift_id = :shift and check_in_method = 'QR'
				    and volunteer_id = (select v.id from volunteer v join app_user u on u.id = v.user_id where u.username = :u)""")
			.param("shift", event.shiftId()).param("u", username).query(Integer.class).single();
		assertThat(attended).isEqualTo(1);

		// leaving: the code read again, check-out by Enter
		b.open(VolunteerServiceHoursBrowserTest.scanCode(organizer));
		b.tabTo("#checkin-form button[type=submit]", 40);
		enterAndWait(b, () -> b.has("main .notice[role=status]")
				&& b.find("main .notice[role=status]").getText().equals(t("checkin.outcome.CHECKED_OUT")));

		// the organizer confirms the attendance without a mouse
		long volunteerId = data.volunteerIdOf(username);
		data.shiftRan(event, volunteerId, Duration.ofHours(2), Duration.ofMinutes(1));
		organizer.open("/checkin/shifts/" + event.shiftId());
		organizer.enter("form[action$='/confirm'] button[type=submit]");
		assertThat(organizer.find("main .notice[role=status]").getText()).isEqualTo(t("checkin.done.confirmed"));

		// the hours, then the certificate: its form sends the file, which downloads and leaves the page
		String twoHours = t("ledger.hoursValue", "2.0");
		b.waitUntil(d -> {
			b.open("/me/hours");
			return b.find("main dl.facts dd").getText().equals(twoHours);
		});
		b.open("/me/certificates");
		b.tabTo("form[action='/me/certificates'] button[type=submit]", 60).keys(Keys.ENTER);
		b.waitUntil(d -> new String(b.fetch("/me/certificates").body(), java.nio.charset.StandardCharsets.UTF_8)
			.contains(".pdf\""));
		b.open("/me/certificates");
		String number = b.find("main .card a[download]").getText();

		// anyone types its number on the public page, by keyboard too
		Browser stranger = browsers.open(Viewport.PHONE);
		stranger.open("/certificates");
		type(stranger, "#number", number);
		stranger.keys(Keys.ENTER);
		stranger.waitUntil(d -> stranger.path().contains("number=") || stranger.path().startsWith("/certificates/"));
		stranger.waitUntil(d -> stranger.heading().equals(t("certificate.verify.title")));
		assertThat(stranger.find("main .notice[role=status]").getText()).contains(t("certificate.verify.genuine"));
	}

	/** Shift+Tab: the focus moves back one control. */
	static void backTab(Browser b) {
		new Actions(b.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
	}

	/** Tabs forward to the field and types into it. */
	static void type(Browser b, String css, String text) {
		b.tabTo(css, 40).keys(text);
	}

	/**
	 * Tabs to the list and moves its choice with the arrow keys to the option with this value, one
	 * step at a time, waiting for the picker to load the next level after each change.
	 */
	static void chooseByKeys(Browser b, String css, String value) {
		b.tabTo(css, 40);
		assertFocusVisible(b);
		for (int guard = 0; guard < 50; guard++) {
			Number step = (Number) b.script("""
					var s = document.querySelector(arguments[0]);
					var target = -1;
					for (var i = 0; i < s.options.length; i++) { if (s.options[i].value === arguments[1]) { target = i; } }
					return target - s.selectedIndex;""", css, value);
			if (step.intValue() == 0) {
				b.waitUntil(d -> value.equals(b.script("return document.getElementById('regionCode').value")));
				return;
			}
			String before = (String) b.script("return document.getElementById('regionCode').value");
			b.keys(step.intValue() > 0 ? Keys.ARROW_DOWN : Keys.ARROW_UP);
			// each change reloads the picker: wait for it, and for the focus to be back on the list
			b.waitUntil(d -> !before.equals(b.script("return document.getElementById('regionCode').value")));
			b.waitUntil(d -> Boolean.TRUE.equals(b.script("return document.activeElement.matches(arguments[0])", css)));
		}
		throw new AssertionError("could not choose " + value + " in " + css);
	}

	/** The focused control draws an outline: a keyboard user sees where they are. */
	static void assertFocusVisible(Browser b) {
		String outline = (String) b.script("""
				var s = getComputedStyle(document.activeElement);
				return s.outlineStyle + ' ' + s.outlineWidth;""");
		assertThat(outline).as("focus outline of %s on %s", b.focused().getAttribute("outerHTML"), b.path())
			.doesNotStartWith("none").doesNotEndWith(" 0px");
	}

	static void enterAndWait(Browser b, java.util.function.BooleanSupplier arrived) {
		b.keys(Keys.ENTER);
		b.waitUntil(d -> {
			try {
				return "complete".equals(b.script("return document.readyState")) && arrived.getAsBoolean();
			}
			catch (RuntimeException stillLoading) {
				return false;
			}
		});
	}
}
