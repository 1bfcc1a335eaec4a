package org.wenming.platform;

import java.time.Duration;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Chinese by default; {@code ?lang=en} (remembered in a cookie) switches to English, and
 * {@code ?care=on|off} (remembered the same way) switches the elderly mode.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final ObjectProvider<ElderlyModeChoices> elderlyModeChoices;

	WebConfiguration(ObjectProvider<ElderlyModeChoices> elderlyModeChoices) {
		this.elderlyModeChoices = elderlyModeChoices;
	}

	static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("wenming-lang") {
			@Override
			public Locale resolveLocale(jakarta.servlet.http.HttpServletRequest request) {
				return supported(super.resolveLocale(request));
			}
		};
		resolver.setDefaultLocale(DEFAULT_LOCALE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieHttpOnly(true);
		resolver.setCookieSameSite("Lax");
		return resolver;
	}

	/** Only the languages we have bundles for; anything else falls back to Chinese. */
	static Locale supported(Locale requested) {
		return requested != null && "en".equals(requested.getLanguage()) ? Locale.ENGLISH : DEFAULT_LOCALE;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new SupportedLocaleChangeInterceptor());
		registry.addInterceptor(new ElderlyModeSwitch(elderlyModeChoices));
	}

	private static final class SupportedLocaleChangeInterceptor extends LocaleChangeInterceptor {

		SupportedLocaleChangeInterceptor() {
			setParamName("lang");
			setIgnoreInvalidLocale(true);
		}

		@Override
		protected Locale parseLocaleValue(String localeValue) {
			return supported(super.parseLocaleValue(localeValue));
		}
	}
}
