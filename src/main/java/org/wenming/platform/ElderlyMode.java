package org.wenming.platform;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseCookie;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The elderly mode (长辈模式, 适老化): larger type, stronger contrast, bigger targets, a shorter
 * menu and nothing that moves by itself. The device remembers it in a cookie, so anonymous visitors
 * need no session; an account remembers it through {@link ElderlyModeChoices}.
 */
public final class ElderlyMode {

	/** The cookie that remembers the mode on this device. */
	public static final String COOKIE = "wenming-care";

	/** The query parameter of the switch: {@code ?care=on} or {@code ?care=off}. */
	public static final String PARAMETER = "care";

	static final Duration REMEMBERED_FOR = Duration.ofDays(365);

	/** Set on the request when the switch was used, so the page answering it already shows the choice. */
	private static final String CHOSEN = ElderlyMode.class.getName() + ".chosen";

	private ElderlyMode() {
	}

	/** {@code on} and {@code off}; anything else is not a choice and is ignored. */
	static Boolean parse(String value) {
		if ("on".equals(value)) {
			return Boolean.TRUE;
		}
		if ("off".equals(value)) {
			return Boolean.FALSE;
		}
		return null;
	}

	/** Whether the page answering this request is shown in the elderly mode. */
	public static boolean isOn(HttpServletRequest request) {
		if (request.getAttribute(CHOSEN) instanceof Boolean chosen) {
			return chosen;
		}
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (COOKIE.equals(cookie.getName())) {
					return Boolean.TRUE.equals(parse(cookie.getValue()));
				}
			}
		}
		return false;
	}

	/** The mode of the request being handled on this thread; off outside a request. */
	static boolean current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return attributes instanceof ServletRequestAttributes servlet && isOn(servlet.getRequest());
	}

	/** The query string of the request being handled on this thread, if any. */
	static String currentQuery() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest().getQueryString() : null;
	}

	/** Remembers the mode on this device (a year, HttpOnly, SameSite=Lax) and applies it to this request. */
	public static void remember(HttpServletRequest request, HttpServletResponse response, boolean on) {
		request.setAttribute(CHOSEN, on);
		ResponseCookie cookie = ResponseCookie.from(COOKIE, on ? "on" : "off")
			.path("/")
			.maxAge(REMEMBERED_FOR)
			.httpOnly(true)
			.sameSite("Lax")
			.secure(request.isSecure())
			.build();
		response.addHeader("Set-Cookie", cookie.toString());
	}
}
