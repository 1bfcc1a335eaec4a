package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.wenming.account.AccountFixtures;

/**
 * A volunteer finds an activity near where they stand, signs up, checks in and out with the code on
 * the organizer's phone, the organizer confirms attendance, and the volunteer sees the hours,
 * downloads the certificate and anyone verifies it on the public page — three browsers, at 1280 px
 * and on a 375 px phone.
 */
@BrowserTest
class VolunteerServiceHoursBrowserTest {

	@Autowired
	MessageSource messages;

	@Autowired
	VolunteerFlowData data;

	String t(String key, Object... args) {
		return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
	}

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void findSignUpCheckInAndOutConfirmHoursCertificateAndVerify(Viewport viewport, Browsers browsers) {
		VolunteerFlowData.Leader leader = data.team();
		VolunteerFlowData.Place place = VolunteerFlowData.somewhereNew();
		VolunteerFlowData.Event event = data.activity(leader, place, Duration.ofMinutes(10), Duration.ofHours(2));
		VolunteerFlowData.Person person = data.volunteer();

		// the volunteer, 300 m from the activity, asks for activities near them
		Browser volunteer = browsers.open(viewport);
		volunteer.signIn(person.username(), VolunteerFlowData.PASSWORD);
		volunteer.open("/activities");
		standAt(volunteer, place.north(300));
		volunteer.click("#locate");
		volunteer.waitUntil(d -> !volunteer.find("#lat").getAttribute("value").isEmpty());
		assertThat(volunteer.find("#lng").getAttribute("value")).isEqualTo(place.longitude().toPlainString());
		assertThat(volunteer.find("#radius").getAttribute("value")).isEqualTo("5");
		volunteer.fill("radius", "1");
		volunteer.pressToNextPage(t("activity.filter.submit"));
		// (an activity another test left within the kilometre may be listed too)
		List<String> found = volunteer.findAll("main .card").stream().map(WebElement::getText)
			.filter(card -> card.contains(event.title())).toList();
		assertThat(found).as(volunteer.text()).hasSize(1);
		assertThat(found.get(0)).contains(t("activity.distance", "0.3"));
		Accessibility.assertAccessible(volunteer);

		volunteer.pressToNextPage(event.title());
		assertThat(volunteer.heading()).isEqualTo(event.title());
		Accessibility.assertAccessible(volunteer);
		volunteer.pressToNextPage(t("activity.signup.submit"));
		assertThat(volunteer.find("main .notice[role=status]").getText()).isEqualTo(t("activity.done.CONFIRMED"));
		assertThat(volunteer.find("main .card .badge").getText()).isEqualTo(t("activity.signup.status.CONFIRMED"));
		Accessibility.assertAccessible(volunteer);

		// the organizer shows the code; the volunteer's phone camera reads it and opens its link
		Browser organizer = browsers.open(viewport);
		organizer.signIn(leader.username(), AccountFixtures.PASSWORD);
		organizer.open("/checkin/shifts/" + event.shiftId() + "/code");
		assertThat(organizer.heading()).isEqualTo(t("checkin.code.title"));
		Accessibility.assertAccessible(organizer);
		String scanned = scanCode(organizer);
		URI link = URI.create(scanned);
		assertThat(link.getPath()).isEqualTo("/checkin");
		assertThat(link.getQuery()).startsWith("t=");

		volunteer.open(scanned);
		assertThat(volunteer.heading()).isEqualTo(t("checkin.title"));
		assertThat(volunteer.find("main .card h2").getText()).isEqualTo(event.title());
		Accessibility.assertAccessible(volunteer);
		volunteer.pressToNextPage(t("checkin.action.IN"));
		assertThat(volunteer.find("main .notice[role=status]").getText()).isEqualTo(t("checkin.outcome.CHECKED_IN"));
		assertThat(volunteer.text()).contains(t("checkin.checkedInAt"));
		Accessibility.assertAccessible(volunteer);
		// leaving, the volunteer scans the code again (a code is good for a minute at most)
		volunteer.open(scanCode(organizer));
		volunteer.pressToNextPage(t("checkin.action.OUT"));
		assertThat(volunteer.find("main .notice[role=status]").getText()).isEqualTo(t("checkin.outcome.CHECKED_OUT"));
		assertThat(volunteer.text()).contains(t("checkin.checkedOutAt"));
		assertThat(volunteer.has("#checkin-form")).isFalse();
		Accessibility.assertAccessible(volunteer);

		// two hours later, as far as the shift and the check-in know: it ended a minute ago
		data.shiftRan(event, person.volunteerId(), Duration.ofHours(2), Duration.ofMinutes(1));

		organizer.open("/checkin/shifts/" + event.shiftId());
		assertThat(organizer.heading()).isEqualTo(t("checkin.roster.title"));
		WebElement row = organizer.find("main .card");
		assertThat(row.getText()).contains(person.name()).contains(t("checkin.checkedInAt"))
			.contains(t("checkin.checkedOutAt"));
		Accessibility.assertAccessible(organizer);
		organizer.pressToNextPage(t("checkin.confirm.button"));
		assertThat(organizer.find("main .notice[role=status]").getText()).isEqualTo(t("checkin.done.confirmed"));
		assertThat(organizer.find("main .card").getText()).contains(t("checkin.flag.counted"));
		Accessibility.assertAccessible(organizer);

		// the hours are credited once the confirmation's event is handled
		String twoHours = t("ledger.hoursValue", "2.0");
		volunteer.open("/me/hours");
		volunteer.waitUntil(d -> {
			if (volunteer.find("main dl.facts dd").getText().equals(twoHours)) {
				return true;
			}
			volunteer.open("/me/hours");
			return false;
		});
		assertThat(volunteer.heading()).isEqualTo(t("ledger.me.title"));
		assertThat(volunteer.find("main table tbody").getText()).contains(event.title());
		Accessibility.assertAccessible(volunteer);

		volunteer.open("/me/certificates");
		assertThat(volunteer.heading()).isEqualTo(t("certificate.mine.title"));
		Accessibility.assertAccessible(volunteer);
		// the form issues the certificate and sends the browser on to the file, which downloads and
		// leaves the page as it was; the page lists the certificate once it is issued
		volunteer.press(t("certificate.form.download"));
		volunteer.waitUntil(d -> new String(volunteer.fetch("/me/certificates").body(), StandardCharsets.UTF_8)
			.contains(".pdf\""));
		volunteer.open("/me/certificates");
		WebElement pdfLink = volunteer.find("main .card a[download]");
		String number = pdfLink.getText();
		String href = URI.create(pdfLink.getAttribute("href")).getPath();
		assertThat(href).isEqualTo("/me/certificates/" + number + ".pdf");
		Browser.Fetched pdf = volunteer.fetch(href);
		assertThat(pdf.status()).isEqualTo(200);
		assertThat(pdf.contentType()).startsWith("application/pdf");
		assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		assertThat(volunteer.find("main .card").getText()).contains(t("certificate.mine.verifyLink"));
		Accessibility.assertAccessible(volunteer);

		// anyone holding the paper types its number on the public page
		Browser stranger = browsers.open(viewport);
		stranger.open("/certificates");
		stranger.fill("number", number);
		stranger.pressToNextPage(t("certificate.lookup.submit"));
		assertThat(stranger.heading()).isEqualTo(t("certificate.verify.title"));
		assertThat(stranger.find("main .notice[role=status]").getText()).contains(t("certificate.verify.genuine"));
		assertThat(stranger.find("main dl.facts").getText()).contains(number).doesNotContain(person.name());
		assertThat(stranger.find("main table").getText()).contains("2.0");
		Accessibility.assertAccessible(stranger);
	}

	/**
	 * What a camera reads from the code on the organizer's screen. The page swaps in a fresh code
	 * every few seconds; a read that meets the swap looks again.
	 */
	static String scanCode(Browser organizer) {
		return organizer.decodeQr("main figure svg");
	}

	/** The browser's position, as its geolocation reports it, with permission granted to the app. */
	static void standAt(Browser b, VolunteerFlowData.Place place) {
		b.chrome().executeCdpCommand("Browser.grantPermissions",
				Map.of("permissions", List.of("geolocation"), "origin", b.baseUrl()));
		b.chrome().executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude",
				place.latitude().doubleValue(), "longitude", place.longitude().doubleValue(), "accuracy", 20));
	}
}
