package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

/** What every page a flow passes through must be: usable with assistive technology and no wider than the screen. */
final class PageChecks {

	private PageChecks() {
	}

	static void assertFitsAndAccessible(Browser browser) {
		// a phone never scrolls sideways: a long word or link that does not wrap breaks the page
		Number overflow = (Number) browser.script(
				"return document.documentElement.scrollWidth - document.documentElement.clientWidth");
		assertThat(overflow.intValue()).as("horizontal overflow of %s at %s", browser.path(), browser.viewport())
			.isLessThanOrEqualTo(0);
		Accessibility.assertAccessible(browser);
	}
}
