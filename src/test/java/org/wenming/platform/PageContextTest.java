package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Counts read the way people in each language write them. */
class PageContextTest {

	@Test
	void chineseCountsUseWanAndYi() {
		assertThat(PageContext.formatCount(54_000_000, Locale.SIMPLIFIED_CHINESE)).isEqualTo("5,400万");
		assertThat(PageContext.formatCount(800_000, Locale.SIMPLIFIED_CHINESE)).isEqualTo("80万");
		assertThat(PageContext.formatCount(129_029, Locale.SIMPLIFIED_CHINESE)).isEqualTo("12.9万");
		assertThat(PageContext.formatCount(236_000_000, Locale.SIMPLIFIED_CHINESE)).isEqualTo("2.36亿");
		assertThat(PageContext.formatCount(1_664, Locale.SIMPLIFIED_CHINESE)).isEqualTo("1,664");
	}

	@Test
	void englishCountsUseGrouping() {
		assertThat(PageContext.formatCount(54_000_000, Locale.ENGLISH)).isEqualTo("54,000,000");
		assertThat(PageContext.formatCount(1_664, Locale.ENGLISH)).isEqualTo("1,664");
	}
}
