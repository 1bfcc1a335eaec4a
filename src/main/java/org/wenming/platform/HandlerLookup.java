package org.wenming.platform;

import java.util.IdentityHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finding the controller method of a request whose path has a variable ({@code /api/v1/shifts/{id}/signups},
 * {@code /activities/{id}}) walks every mapping of the application (Spring looks up only paths without
 * variables directly) and asks each one for its HTTP method, headers, media types and then its patterns:
 * with Wenming's ~570 mappings, and twice for an asynchronous answer, that was a quarter of the JVM's time
 * of a sign-up (JFR, docs/BENCHMARKS.md). Here a mapping is first asked whether one of its patterns' literal
 * beginnings (the text before the first variable or wildcard) starts the path: a string comparison that
 * turns away almost all of them. The mappings that remain are matched by Spring exactly as before; a path
 * that Spring decodes first (with {@code %}) skips the shortcut.
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

		/** The path of the lookup running on this thread, while the shortcut may be taken. */
		private static final ThreadLocal<String> LOOKUP = new ThreadLocal<>();

		/** By identity: the registry's own instances (their hashCode is not cached, and was a cost itself). */
		private volatile Map<RequestMappingInfo, String[]> beginnings = Map.of();

		/** The literal beginnings compare as Spring does only when its patterns are case-sensitive (the default). */
		private boolean caseSensitive;

		@Override
		public void afterPropertiesSet() {
			super.afterPropertiesSet();
			caseSensitive = getPatternParser() != null && getPatternParser().isCaseSensitive();
			Map<RequestMappingInfo, String[]> found = new IdentityHashMap<>();
			for (RequestMappingInfo info : getHandlerMethods().keySet()) {
				if (info.getPathPatternsCondition() != null) {
					found.put(info, of(info));
				}
			}
			beginnings = found;
		}

		@Override
		protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
			// the lookup path has Spring's semicolon content removed; one that Spring decodes first (%) is left to it
			if (!caseSensitive || lookupPath.indexOf('%') >= 0) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			LOOKUP.set(lookupPath);
			try {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			finally {
				LOOKUP.remove();
			}
		}

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			String path = LOOKUP.get();
			if (path != null && turnsAway(path, info)) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

		/** A mapping registered after the start is not in the map: Spring alone decides for it. */
		boolean turnsAway(String path, RequestMappingInfo info) {
			String[] literal = beginnings.get(info);
			return literal != null && !startsAny(path, literal);
		}

		/** {@link #getMatchingMapping} as it runs inside a lookup of this path (for the tests). */
		RequestMappingInfo matchingWithin(String lookupPath, RequestMappingInfo info, HttpServletRequest request) {
			LOOKUP.set(lookupPath);
			try {
				return getMatchingMapping(info, request);
			}
			finally {
				LOOKUP.remove();
			}
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
