package org.wenming.platform;

import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The three languages Wenming speaks: Simplified Chinese for the mainland (the default),
 * Traditional Chinese for Taiwan, Hong Kong and Macao readers, and English. Every place that picks
 * a locale by itself (rather than through Spring's resolver) asks here, so a fourth value never
 * reaches a bundle lookup, a cache key or a {@code lang} attribute.
 */
public final class Languages {

	public static final Locale SIMPLIFIED_CHINESE = Locale.SIMPLIFIED_CHINESE;

	public static final Locale TRADITIONAL_CHINESE = Locale.TRADITIONAL_CHINESE;

	public static final Locale ENGLISH = Locale.ENGLISH;

	/** In the order the language switch lists them. */
	public static final List<Locale> SUPPORTED = List.of(SIMPLIFIED_CHINESE, TRADITIONAL_CHINESE, ENGLISH);

	// Regions whose readers are served Traditional characters when the tag names no script
	private static final Set<String> TRADITIONAL_REGIONS = Set.of("TW", "HK", "MO");

	private Languages() {
	}

	/**
	 * The supported language a tag or locale means, or {@code null} when it means none of them:
	 * zh-TW, zh-HK, zh-MO and zh-Hant are Traditional; zh, zh-CN, zh-SG and zh-Hans Simplified.
	 */
	public static Locale supported(Locale requested) {
		if (requested == null) {
			return null;
		}
		return switch (requested.getLanguage()) {
			case "en" -> ENGLISH;
			case "zh" -> isTraditional(requested) ? TRADITIONAL_CHINESE : SIMPLIFIED_CHINESE;
			default -> null;
		};
	}

	/** A value of {@code ?lang=} or of the cookie, as a BCP 47 tag or the older {@code zh_TW}. */
	public static Locale supported(String tag) {
		if (tag == null || tag.isBlank() || tag.length() > 35) {
			return null;
		}
		return supported(Locale.forLanguageTag(tag.strip().replace('_', '-')));
	}

	/** The browser's first preference we speak ({@code Accept-Language}, by weight), else Simplified. */
	public static Locale fromBrowser(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") != null) {
			Enumeration<Locale> preferred = request.getLocales();
			while (preferred.hasMoreElements()) {
				Locale language = supported(preferred.nextElement());
				if (language != null) {
					return language;
				}
			}
		}
		return SIMPLIFIED_CHINESE;
	}

	/** Whether the locale is Chinese in either script (万/亿 counts, 、 between list items). */
	public static boolean isChinese(Locale locale) {
		return "zh".equals(locale.getLanguage());
	}

	public static boolean isTraditional(Locale locale) {
		return "zh".equals(locale.getLanguage())
				&& ("Hant".equals(locale.getScript()) || locale.getScript().isEmpty() && TRADITIONAL_REGIONS.contains(locale.getCountry()));
	}

	/** The tag for {@code lang} and {@code hreflang}: zh-CN, zh-TW or en. */
	public static String tag(Locale locale) {
		Locale language = supported(locale);
		return (language == null ? SIMPLIFIED_CHINESE : language).toLanguageTag();
	}
}
