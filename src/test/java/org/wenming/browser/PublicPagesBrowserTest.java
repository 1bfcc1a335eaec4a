package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pages anyone reaches without signing in open, render and pass axe-core on a desk and on a phone. */
@BrowserTest
class PublicPagesBrowserTest {

	private static final String[] PAGES = { "/", "/sites", "/teams", "/activities", "/cases/report", "/login",
			"/volunteers/register", "/dashboard", "/certificates", "/sitemap" };

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void everyPublicPageRendersAndPassesAxe(Viewport viewport, Browsers browsers) {
		Browser browser = browsers.open(viewport);
		for (String page : PAGES) {
			browser.open(page);
			assertThat(browser.find("h1").isDisplayed()).as("heading of %s", page).isTrue();
			assertThat(browser.find("html").getAttribute("lang")).as("lang of %s", page).isEqualTo("zh-CN");
			// nothing wider than the screen: a phone never scrolls sideways
			Number overflow = (Number) browser.script(
					"return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(overflow.intValue()).as("horizontal overflow of %s", page).isLessThanOrEqualTo(0);
			Accessibility.assertAccessible(browser);
		}
	}
}
