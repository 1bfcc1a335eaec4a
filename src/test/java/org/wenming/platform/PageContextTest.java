package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

/** Counts, dates and language tags read the way people in each language write them. */
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
	void traditionalCountsUseTraditionalWanAndYi() {
		assertThat(PageContext.formatCount(54_000_000, Languages.TRADITIONAL_CHINESE)).isEqualTo("5,400萬");
		assertThat(PageContext.formatCount(236_000_000, Languages.TRADITIONAL_CHINESE)).isEqualTo("2.36億");
		assertThat(PageContext.formatCount(1_664, Languages.TRADITIONAL_CHINESE)).isEqualTo("1,664");
	}

	@Test
	void datesInEachLanguagesLongForm() {
		LocalDate day = LocalDate.of(2026, 11, 28);
		assertThat(context(Languages.SIMPLIFIED_CHINESE).date(day)).isEqualTo("2026年11月28日");
		assertThat(context(Languages.TRADITIONAL_CHINESE).date(day)).isEqualTo("2026年11月28日");
		assertThat(context(Languages.ENGLISH).date(day)).isEqualTo("November 28, 2026");
	}

	@Test
	void theLangAttributeAndTheSwitch() {
		assertThat(context(Languages.SIMPLIFIED_CHINESE).lang()).isEqualTo("zh-CN");
		assertThat(context(Languages.TRADITIONAL_CHINESE).lang()).isEqualTo("zh-TW");
		assertThat(context(Languages.ENGLISH).lang()).isEqualTo("en");
		assertThat(context(Languages.TRADITIONAL_CHINESE).otherLanguages()).containsExactly("zh-CN", "en");
		assertThat(context(Languages.ENGLISH).otherLanguages()).containsExactly("zh-CN", "zh-TW");
		assertThat(context(Languages.TRADITIONAL_CHINESE).isChinese()).isTrue();
	}

	@Test
	void languageTagsMapToTheThreeLanguages() {
		for (String tag : List.of("zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-CN", "zh_TW")) {
			assertThat(Languages.supported(tag)).as(tag).isEqualTo(Languages.TRADITIONAL_CHINESE);
		}
		for (String tag : List.of("zh", "zh-CN", "zh-Hans", "zh-SG", "zh-Hans-HK")) {
			assertThat(Languages.supported(tag)).as(tag).isEqualTo(Languages.SIMPLIFIED_CHINESE);
		}
		assertThat(Languages.supported("en-GB")).isEqualTo(Languages.ENGLISH);
		assertThat(Languages.supported("xx")).isNull();
		assertThat(Languages.supported("")).isNull();
		assertThat(Languages.supported("<script>")).isNull();
	}

	private static PageContext context(Locale locale) {
		return new PageContext(new StaticMessageSource(), locale, null, null, "/");
	}

	@Test
	void englishCountsUseGrouping() {
		assertThat(PageContext.formatCount(54_000_000, Locale.ENGLISH)).isEqualTo("54,000,000");
		assertThat(PageContext.formatCount(1_664, Locale.ENGLISH)).isEqualTo("1,664");
	}
}
