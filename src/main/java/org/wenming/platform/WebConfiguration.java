package org.wenming.platform;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Simplified Chinese by default, Traditional Chinese and English on request: {@code ?lang=zh-TW}
 * or {@code ?lang=en} switches and is remembered in a cookie; without the cookie the browser's
 * {@code Accept-Language} picks among the three (see {@link Languages}). {@code ?care=on|off}
 * (remembered the same way) switches the elderly mode.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final ObjectProvider<ElderlyModeChoices> elderlyModeChoices;

	WebConfiguration(ObjectProvider<ElderlyModeChoices> elderlyModeChoices) {
		this.elderlyModeChoices = elderlyModeChoices;
	}

	static final Locale DEFAULT_LOCALE = Languages.SIMPLIFIED_CHINESE;

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("wenming-lang") {
			@Override
			public Locale resolveLocale(HttpServletRequest request) {
				return supported(super.resolveLocale(request));
			}

			// a cookie from an older version or edited by hand counts as no cookie
			@Override
			protected Locale parseLocaleValue(String value) {
				return Languages.supported(value);
			}
		};
		resolver.setDefaultLocaleFunction(Languages::fromBrowser);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieHttpOnly(true);
		resolver.setCookieSameSite("Lax");
		return resolver;
	}

	/** Only the languages we have bundles for; anything else falls back to Simplified Chinese. */
	static Locale supported(Locale requested) {
		Locale language = Languages.supported(requested);
		return language == null ? DEFAULT_LOCALE : language;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new LanguageSwitch());
		registry.addInterceptor(new ElderlyModeSwitch(elderlyModeChoices));
	}

	/** {@code ?lang=}: a language we speak is set and remembered; any other value changes nothing. */
	private static final class LanguageSwitch implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			String requested = request.getParameter("lang");
			Locale language = Languages.supported(requested);
			LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
			if (language != null && resolver != null) {
				resolver.setLocale(request, response, language);
			}
			return true;
		}
	}
}
