package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.StaticMessageSource;

/** The remembered messages are the source's own, in every language; arguments and missing keys as before. */
class MessageCacheTest {

	@Test
	void aRememberedMessageIsTheSourcesAndArgumentsAreStillFormatted() {
		StaticMessageSource source = new StaticMessageSource();
		source.addMessage("greeting", Locale.SIMPLIFIED_CHINESE, "你好");
		source.addMessage("greeting", Locale.ENGLISH, "Hello");
		source.addMessage("count", Locale.ENGLISH, "{0} left");
		MessageCache.Cached cached = new MessageCache.Cached(source);
		for (int i = 0; i < 3; i++) {
			assertThat(cached.getMessage("greeting", new Object[0], Locale.SIMPLIFIED_CHINESE)).isEqualTo("你好");
			assertThat(cached.getMessage("greeting", null, Locale.ENGLISH)).isEqualTo("Hello");
			assertThat(cached.getMessage("count", new Object[] { 3 }, Locale.ENGLISH)).isEqualTo("3 left");
			assertThat(cached.getMessage("count", new Object[] { 7 }, Locale.ENGLISH)).isEqualTo("7 left");
			assertThat(cached.getMessage("missing", null, "fallback", Locale.ENGLISH)).isEqualTo("fallback");
			assertThatThrownBy(() -> cached.getMessage("missing", new Object[0], Locale.ENGLISH))
				.isInstanceOf(NoSuchMessageException.class);
		}
	}

	@Test
	void theApplicationsBundlesAnswerTheSameThroughTheCache() {
		org.springframework.context.support.ResourceBundleMessageSource bundles =
				new org.springframework.context.support.ResourceBundleMessageSource();
		bundles.setBasenames("messages/platform", "messages/activity");
		bundles.setDefaultEncoding("UTF-8");
		bundles.setFallbackToSystemLocale(false);
		MessageCache.Cached cached = new MessageCache.Cached(bundles);
		for (Locale locale : List.of(Languages.SIMPLIFIED_CHINESE, Locale.forLanguageTag("zh-TW"), Locale.ENGLISH)) {
			for (String key : List.of("app.name", "layout.skip", "activity.type.SERVICE")) {
				String first = cached.getMessage(key, new Object[0], locale);
				assertThat(first).isEqualTo(bundles.getMessage(key, new Object[0], locale))
					.isEqualTo(cached.getMessage(key, new Object[0], locale));
			}
		}
	}
}
