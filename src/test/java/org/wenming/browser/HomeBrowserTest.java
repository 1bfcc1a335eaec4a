package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The home page and the site map in English and in the elderly mode, on a desk and on a phone: they render,
 * pass axe-core and never scroll sideways (the Chinese pages are in {@link PublicPagesBrowserTest}).
 */
@BrowserTest
class HomeBrowserTest {

	private static final String[] PAGES = { "/?lang=en", "/?near=441203", "/sitemap", "/?care=on", "/sitemap",
			"/?care=off" };

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void theHomePageAndTheSiteMapPassAxeInEnglishAndTheElderlyMode(Viewport viewport, Browsers browsers) {
		Browser browser = browsers.open(viewport);
		browser.driver().manage().deleteAllCookies();
		for (String page : PAGES) {
			browser.open(page);
			assertThat(browser.find("h1").isDisplayed()).as("heading of %s", page).isTrue();
			assertThat(browser.find("html").getAttribute("lang")).as("lang of %s", page).isEqualTo("en");
			Number overflow = (Number) browser.script(
					"return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(overflow.intValue()).as("horizontal overflow of %s", page).isLessThanOrEqualTo(0);
			Accessibility.assertAccessible(browser);
		}
		// the language and the mode are remembered in cookies: the next test starts afresh
		browser.driver().manage().deleteAllCookies();
	}
}
