package org.wenming.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.wenming.shared.ScopedUser;

/**
 * What every page template needs besides its own data: the visitor's locale and messages, the
 * signed-in user (if any), the CSRF token for forms, and locale-aware formatting. Templates take
 * it as {@code @param PageContext ctx}.
 */
public final class PageContext {

	private final MessageSource messages;

	private final Locale locale;

	private final ScopedUser user;

	private final CsrfToken csrf;

	private final String path;

	private final boolean elderly;

	private final String query;

	/** The elderly mode and the query are read from the request being handled. */
	public PageContext(MessageSource messages, Locale locale, ScopedUser user, CsrfToken csrf, String path) {
		this(messages, locale, user, csrf, path, ElderlyMode.current(), ElderlyMode.currentQuery());
	}

	public PageContext(MessageSource messages, Locale locale, ScopedUser user, CsrfToken csrf, String path,
			boolean elderly, String query) {
		this.messages = messages;
		this.locale = locale;
		this.user = user;
		this.csrf = csrf;
		this.path = path;
		this.elderly = elderly;
		this.query = query;
	}

	/** The message for a key in the visitor's language. */
	public String t(String key, Object... args) {
		return messages.getMessage(key, args, locale);
	}

	public Locale locale() {
		return locale;
	}

	/** BCP 47 tag for the {@code lang} attribute: zh-CN, zh-TW or en. */
	public String lang() {
		return Languages.tag(locale);
	}

	/** Chinese in either script: 万/亿 counts, Chinese names of categories and skills. */
	public boolean isChinese() {
		return Languages.isChinese(locale);
	}

	public boolean isTraditional() {
		return Languages.isTraditional(locale);
	}

	/** The tags of the languages the visitor is not reading, for the language switch. */
	public List<String> otherLanguages() {
		String current = lang();
		return Languages.SUPPORTED.stream().map(Locale::toLanguageTag).filter(tag -> !tag.equals(current)).toList();
	}

	public ScopedUser user() {
		return user;
	}

	public boolean signedIn() {
		return user != null;
	}

	public boolean hasRole(String role) {
		return user != null && user.hasRole(role);
	}

	public String csrfParameter() {
		return csrf == null ? "_csrf" : csrf.getParameterName();
	}

	public String csrfToken() {
		return csrf == null ? "" : csrf.getToken();
	}

	/** The current path, for links that keep the visitor where they are (e.g. language switch). */
	public String path() {
		return path;
	}

	/** Whether the page is shown in the elderly mode (长辈模式): see {@link ElderlyMode}. */
	public boolean elderly() {
		return elderly;
	}

	/**
	 * The link that turns the elderly mode off or on here, keeping the page's other parameters (a
	 * scanned check-in code must survive the switch).
	 */
	public String elderlySwitch() {
		StringBuilder href = new StringBuilder(path).append('?');
		if (query != null) {
			for (String pair : query.split("&")) {
				if (!pair.isEmpty() && !pair.startsWith(ElderlyMode.PARAMETER + "=") && !pair.equals(ElderlyMode.PARAMETER)) {
					href.append(pair).append('&');
				}
			}
		}
		return href.append(ElderlyMode.PARAMETER).append('=').append(elderly ? "off" : "on").toString();
	}

	/** A count for people: 54,000,000 reads 5,400万 in Chinese (5,400萬 in Traditional) and 54,000,000 in English. */
	public String count(long n) {
		return formatCount(n, locale);
	}

	public String date(LocalDate date) {
		return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
	}

	public String dateTime(ZonedDateTime time) {
		return time == null ? ""
				: DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).format(time);
	}

	/**
	 * A moment to the minute in the city's time with the zone named, for deadlines a reader acts on (a notice
	 * period's end): 2026年12月13日 21:55（中国标准时间）, Dec 13, 2026, 9:55 PM (China Standard Time).
	 */
	public String cityMinute(java.time.Instant instant) {
		return instant == null ? "" : withZone(minute(instant), instant);
	}

	/** A period to the minute in the city's time, the zone named once: 2026年12月6日 09:00 – 2026年12月13日 09:00（中国标准时间）. */
	public String cityMinutes(java.time.Instant from, java.time.Instant to) {
		if (from == null || to == null) {
			return from == null ? cityMinute(to) : cityMinute(from);
		}
		return withZone(minute(from) + " – " + minute(to), to);
	}

	private String minute(java.time.Instant instant) {
		ZonedDateTime time = instant.atZone(org.wenming.shared.CityTime.ZONE);
		// Chinese reads the 24-hour clock (下午6:04 would be the locale's short style)
		return Languages.isChinese(locale)
				? DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(time) + " "
						+ DateTimeFormatter.ofPattern("HH:mm").format(time)
				: DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
					.format(time);
	}

	private String withZone(String when, java.time.Instant instant) {
		String zone = DateTimeFormatter.ofPattern("zzzz", locale).format(instant.atZone(org.wenming.shared.CityTime.ZONE));
		return Languages.isChinese(locale) ? when + "（" + zone + "）" : when + " (" + zone + ")";
	}

	static String formatCount(long n, Locale locale) {
		NumberFormat grouping = NumberFormat.getIntegerInstance(locale);
		if (!Languages.isChinese(locale) || Math.abs(n) < 10_000) {
			return grouping.format(n);
		}
		boolean traditional = Languages.isTraditional(locale);
		NumberFormat decimal = NumberFormat.getNumberInstance(locale);
		decimal.setMaximumFractionDigits(2);
		if (Math.abs(n) >= 100_000_000L) {
			return decimal.format(BigDecimal.valueOf(n).divide(BigDecimal.valueOf(100_000_000L), 2, RoundingMode.HALF_UP))
					+ (traditional ? "億" : "亿");
		}
		return decimal.format(BigDecimal.valueOf(n).divide(BigDecimal.valueOf(10_000L), 2, RoundingMode.HALF_UP))
				+ (traditional ? "萬" : "万");
	}
}
