package org.wenming.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finding the controller method of a request whose path has a variable ({@code /api/v1/shifts/{id}/signups},
 * {@code /activities/{id}}) walks every mapping of the application (Spring looks up only paths without
 * variables directly) and asks each one for its HTTP method, headers, media types and then its patterns:
 * with Wenming's ~570 mappings, and twice for an asynchronous answer, that was a quarter of the JVM's time
 * of a sign-up (JFR, docs/BENCHMARKS.md). Here a mapping is first asked whether one of its patterns' literal
 * beginnings (the text before the first variable or wildcard) starts the path: a string comparison that
 * turns away almost all of them. The mappings that remain are matched by Spring exactly as before; a path
 * that Spring would decode or strip first (with {@code %} or {@code ;}) skips the shortcut.
 */
@Configuration(proxyBeanMethods = false)
class HandlerLookup {

	@Bean
	WebMvcRegistrations literalBeginnings() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new LiteralBeginnings();
			}
		};
	}

	static final class LiteralBeginnings extends RequestMappingHandlerMapping {

		private final Map<RequestMappingInfo, String[]> beginnings = new ConcurrentHashMap<>();

		/** The literal beginnings compare as Spring does only when its patterns are case-sensitive (the default). */
		private boolean caseSensitive;

		@Override
		public void afterPropertiesSet() {
			super.afterPropertiesSet();
			caseSensitive = getPatternParser() != null && getPatternParser().isCaseSensitive();
		}

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
			if (caseSensitive && patterns != null && ServletRequestPathUtils.hasParsedRequestPath(request)) {
				String path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().value();
				if (path.indexOf('%') < 0 && path.indexOf(';') < 0
						&& !startsAny(path, beginnings.computeIfAbsent(info, LiteralBeginnings::of))) {
					return null;
				}
			}
			return super.getMatchingMapping(info, request);
		}

		private static boolean startsAny(String path, String[] beginnings) {
			for (String beginning : beginnings) {
				if (path.startsWith(beginning)) {
					return true;
				}
			}
			return false;
		}

		/** Each pattern's text before its first variable or wildcard ("" for a pattern that starts with one). */
		static String[] of(RequestMappingInfo info) {
			return info.getPathPatternsCondition().getPatterns().stream().map(PathPattern::getPatternString)
				.map(LiteralBeginnings::literalBeginning).toArray(String[]::new);
		}

		static String literalBeginning(String pattern) {
			for (int i = 0; i < pattern.length(); i++) {
				char c = pattern.charAt(i);
				if (c == '{' || c == '*' || c == '?') {
					return pattern.substring(0, i);
				}
			}
			return pattern;
		}
	}
}
