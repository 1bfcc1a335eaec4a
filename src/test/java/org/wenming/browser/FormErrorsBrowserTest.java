package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenming.account.AccountFixtures;
import org.wenming.shared.Roles;

/**
 * A form sent back with errors announces them: every invalid field says so ({@code aria-invalid}) and
 * points at its visible error text ({@code aria-describedby}), and the focus is on the first invalid
 * field, so a screen reader reads it with its error and a keyboard user starts there. Two forms: a
 * resident's problem report (components of the casework module) and the password change
 * (hand-written fields of the account module).
 */
@BrowserTest
class FormErrorsBrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void theFirstInvalidFieldHasTheFocusAndEveryInvalidFieldPointsAtItsError(Viewport viewport, Browsers browsers) {
		Browser browser = browsers.open(viewport);

		// a report with neither a category nor a description
		browser.open("/cases/report");
		browser.fill("address", "端州区测试路9号");
		browser.clickToNextPage("#report-form button[type=submit]");
		assertThat(browser.find("main .alert[role=alert]").isDisplayed()).isTrue();
		List<String> invalid = announced(browser);
		assertThat(invalid).startsWith("categoryCode", "description");
		assertThat(browser.focused().getAttribute("id")).isEqualTo("categoryCode");
		Accessibility.assertAccessible(browser);

		// a password change without the current password and with a new one too short
		String username = AccountFixtures.unique("a11y-form");
		new AccountFixtures(jdbc, encoder).user(username, "441202", Roles.VOLUNTEER);
		browser.signIn(username, AccountFixtures.PASSWORD);
		browser.open("/account/password");
		assertThat(browser.findAll("main [aria-invalid]")).as("no field is invalid before sending").isEmpty();
		browser.fill("password", "abc");
		browser.fill("repeat", "abc");
		browser.clickToNextPage("main form button[type=submit]");
		assertThat(announced(browser)).containsExactly("current", "password");
		assertThat(browser.focused().getAttribute("id")).isEqualTo("current");
		Accessibility.assertAccessible(browser);
	}

	/**
	 * The ids of the invalid fields, in page order, after checking that each names at least one
	 * element by {@code aria-describedby} and that one of them is a visible error text.
	 */
	private static List<String> announced(Browser browser) {
		List<WebElement> fields = browser.findAll("main [aria-invalid=true]");
		for (WebElement field : fields) {
			String id = field.getAttribute("id");
			String describedBy = field.getAttribute("aria-describedby");
			assertThat(describedBy).as("aria-describedby of invalid field %s", id).isNotBlank();
			boolean errorShown = false;
			for (String ref : describedBy.trim().split("\\s+")) {
				List<WebElement> target = browser.findAll("[id='" + ref + "']");
				assertThat(target).as("%s of %s on the page", ref, id).hasSize(1);
				if (target.get(0).isDisplayed() && target.get(0).getAttribute("class").contains("field-error")
						&& !target.get(0).getText().isBlank()) {
					errorShown = true;
				}
			}
			assertThat(errorShown).as("%s points at a visible error text", id).isTrue();
		}
		return fields.stream().map(f -> f.getAttribute("id")).toList();
	}
}
