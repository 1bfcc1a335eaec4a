package org.wenming.platform;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Remembers each message without arguments once it has been looked up. The message source searches the
 * bundles one after the other ({@code spring.messages.basename}: over thirty) for every key of every page,
 * a few hundred keys a page: about a fifteenth of a public page's CPU (issue 21, docs/BENCHMARKS.md). The
 * bundles never change while the server runs (no {@code spring.messages.cache-duration}), so the answer for a
 * key and a locale is always the same; messages with arguments, defaults and resolvables are looked up as
 * before, and with a cache duration set nothing is remembered here.
 */
@Configuration(proxyBeanMethods = false)
class MessageCache {

	/** Far more than the bundles hold (keys × three languages): a bound should a key ever come from outside. */
	static final int MAX_ENTRIES = 50_000;

	@Bean
	static BeanPostProcessor messageCachePostProcessor(Environment environment) {
		boolean reloading = environment.containsProperty("spring.messages.cache-duration");
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (!reloading && "messageSource".equals(name) && bean instanceof HierarchicalMessageSource source) {
					return new Cached(source);
				}
				return bean;
			}
		};
	}

	/** The message source, with the messages without arguments remembered per key and locale. */
	static final class Cached implements HierarchicalMessageSource {

		private final HierarchicalMessageSource source;

		private final Map<Locale, Map<String, String>> messages = new ConcurrentHashMap<>();

		private int size;

		Cached(HierarchicalMessageSource source) {
			this.source = source;
		}

		@Override
		public String getMessage(String code, Object[] args, Locale locale) throws NoSuchMessageException {
			if ((args != null && args.length > 0) || code == null || locale == null) {
				return source.getMessage(code, args, locale);
			}
			Map<String, String> known = messages.computeIfAbsent(locale, l -> new ConcurrentHashMap<>());
			String message = known.get(code);
			if (message == null) {
				message = source.getMessage(code, args, locale);
				if (size < MAX_ENTRIES) {
					known.put(code, message);
					size++;
				}
			}
			return message;
		}

		@Override
		public String getMessage(String code, Object[] args, String defaultMessage, Locale locale) {
			return source.getMessage(code, args, defaultMessage, locale);
		}

		@Override
		public String getMessage(MessageSourceResolvable resolvable, Locale locale) throws NoSuchMessageException {
			return source.getMessage(resolvable, locale);
		}

		@Override
		public void setParentMessageSource(MessageSource parent) {
			source.setParentMessageSource(parent);
		}

		@Override
		public MessageSource getParentMessageSource() {
			return source.getParentMessageSource();
		}

		@Override
		public String toString() {
			return "Cached " + source;
		}
	}
}
