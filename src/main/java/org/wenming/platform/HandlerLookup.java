package org.wenming.platform;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finding the controller method of a request whose path has a variable ({@code /api/v1/shifts/{id}/signups},
 * {@code /activities/{id}}): Spring looks up only paths without variables directly, and for the others walks
 * every mapping of the application (~600) asking each whether it matches. Under the 8 o'clock rush that walk
 * was a quarter of the JVM's samples (JFR, docs/BENCHMARKS.md), even once each mapping was turned away by a
 * string comparison. Here the mappings are indexed by the directory their patterns' literal beginnings lie in
 * (the text before the first variable or wildcard, up to its last {@code /}): a path is matched only against
 * the mappings indexed under one of its own directories, a handful, and the best of them is chosen exactly as
 * Spring chooses (its matching, its comparator, its ambiguity rule, its {@code handleMatch}). Everything else is
 * left to Spring: a path it decodes first (with {@code %}), a path some mapping names exactly, a CORS
 * preflight, and a path nothing matches (Spring then says why: 404, 405, 406 or 415).
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

		/** Built on the first lookup after the mappings last changed. */
		private volatile Index index;

		/** The literal beginnings compare as Spring does only when its patterns are case-sensitive (the default). */
		private boolean caseSensitive;

		@Override
		public void afterPropertiesSet() {
			super.afterPropertiesSet();
			caseSensitive = getPatternParser() != null && getPatternParser().isCaseSensitive();
			index = null;
		}

		@Override
		protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
			super.registerHandlerMethod(handler, method, mapping);
			index = null;
		}

		@Override
		public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
			super.registerMapping(mapping, handler, method);
			index = null;
		}

		@Override
		public void unregisterMapping(RequestMappingInfo mapping) {
			super.unregisterMapping(mapping);
			index = null;
		}

		@Override
		protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
			Index known = index();
			// the lookup path has Spring's semicolon content removed; one that Spring decodes first (%) is left to it
			if (!caseSensitive || lookupPath.indexOf('%') >= 0 || known.directPaths.contains(lookupPath)
					|| CorsUtils.isPreFlightRequest(request)) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			List<Candidate> matches = new ArrayList<>(2);
			for (Candidate candidate : known.candidates(lookupPath)) {
				RequestMappingInfo matched = getMatchingMapping(candidate.info(), request);
				if (matched != null) {
					matches.add(new Candidate(matched, candidate.method(), candidate.beginnings()));
				}
			}
			if (matches.isEmpty()) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			Candidate best = matches.get(0);
			if (matches.size() > 1) {
				Comparator<RequestMappingInfo> order = getMappingComparator(request);
				matches.sort((a, b) -> order.compare(a.info(), b.info()));
				best = matches.get(0);
				Candidate second = matches.get(1);
				if (order.compare(best.info(), second.info()) == 0) {
					throw new IllegalStateException("Ambiguous handler methods mapped for '" + request.getRequestURI()
							+ "': {" + best.method().getMethod() + ", " + second.method().getMethod() + "}");
				}
			}
			request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.method());
			handleMatch(best.info(), lookupPath, request);
			return best.method();
		}

		/** Spring's own lookup, without the index (for the tests, which compare the two). */
		HandlerMethod springLookup(String lookupPath, HttpServletRequest request) throws Exception {
			return super.lookupHandlerMethod(lookupPath, request);
		}

		/** The mappings a path is matched against (for the tests). */
		List<Candidate> candidates(String lookupPath) {
			return index().candidates(lookupPath);
		}

		private Index index() {
			Index known = index;
			if (known == null) {
				synchronized (this) {
					known = index;
					if (known == null) {
						known = new Index(getHandlerMethods());
						index = known;
					}
				}
			}
			return known;
		}

		/** Each pattern's text before its first variable or wildcard ("" for a pattern that starts with one). */
		static String[] of(RequestMappingInfo info) {
			if (info.getPathPatternsCondition() == null) {
				return new String[] { "" };
			}
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

		/** The directory a literal beginning lies in: up to and including its last slash ("" when it has none). */
		static String directory(String beginning) {
			return beginning.substring(0, beginning.lastIndexOf('/') + 1);
		}
	}

	/** A mapping with its method, and the literal beginnings of its patterns. */
	record Candidate(RequestMappingInfo info, HandlerMethod method, String[] beginnings) {

		boolean begins(String path) {
			for (String beginning : beginnings) {
				if (path.startsWith(beginning)) {
					return true;
				}
			}
			return false;
		}
	}

	/** The mappings by the directories of their literal beginnings, and the paths Spring looks up directly. */
	static final class Index {

		private final Map<String, Candidate[]> byDirectory;

		final Set<String> directPaths;

		Index(Map<RequestMappingInfo, HandlerMethod> mappings) {
			Map<String, List<Candidate>> found = new HashMap<>();
			Set<String> direct = new HashSet<>();
			mappings.forEach((info, method) -> {
				Candidate candidate = new Candidate(info, method, LiteralBeginnings.of(info));
				Set<String> directories = new HashSet<>();
				for (String beginning : candidate.beginnings()) {
					directories.add(LiteralBeginnings.directory(beginning));
				}
				for (String directory : directories) {
					found.computeIfAbsent(directory, d -> new ArrayList<>()).add(candidate);
				}
				direct.addAll(info.getDirectPaths());
			});
			byDirectory = new HashMap<>();
			found.forEach((directory, candidates) -> byDirectory.put(directory, candidates.toArray(Candidate[]::new)));
			directPaths = Set.copyOf(direct);
		}

		/** The mappings whose literal beginnings start the path: those under "" and under each of its directories. */
		List<Candidate> candidates(String path) {
			List<Candidate> candidates = new ArrayList<>();
			add(byDirectory.get(""), path, candidates);
			for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
				add(byDirectory.get(path.substring(0, slash + 1)), path, candidates);
			}
			return candidates;
		}

		private static void add(Candidate[] under, String path, List<Candidate> candidates) {
			if (under == null) {
				return;
			}
			for (Candidate candidate : under) {
				// a mapping with patterns in two of the path's directories is listed under both
				if (candidate.begins(path) && !listed(candidate, candidates)) {
					candidates.add(candidate);
				}
			}
		}

		private static boolean listed(Candidate candidate, List<Candidate> candidates) {
			for (Candidate listed : candidates) {
				if (listed == candidate) {
					return true;
				}
			}
			return false;
		}
	}
}
