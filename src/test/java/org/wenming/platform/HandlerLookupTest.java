package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.wenming.support.WenmingTest;

/**
 * The index of {@link HandlerLookup} finds what Spring's own lookup finds: for a request made from every
 * pattern of the application (its variables filled in), every mapping Spring matches is among the path's
 * candidates, and the lookup gives the same method, pattern and variables (or the same exception) as Spring's;
 * and a path is matched against a handful of mappings, not all of them, which is why it is there.
 */
@WenmingTest
class HandlerLookupTest {

	private static final Pattern VARIABLE = Pattern.compile("\\{\\*?(\\w+)(:[^}]*(\\{[^}]*\\}[^}]*)*)?\\}");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void theApplicationsMappingTakesTheShortcut() {
		assertThat(mapping).isInstanceOf(HandlerLookup.LiteralBeginnings.class);
	}

	@Test
	void everyRequestFindsWhatSpringsOwnLookupFindsAgainstAHandfulOfMappings() throws Exception {
		HandlerLookup.LiteralBeginnings lookup = (HandlerLookup.LiteralBeginnings) mapping;
		Map<RequestMappingInfo, HandlerMethod> all = mapping.getHandlerMethods();
		assertThat(all).hasSizeGreaterThan(100);
		long pairs = 0;
		long candidates = 0;
		long found = 0;
		for (MockHttpServletRequest request : requestsFor(all.keySet())) {
			String path = request.getRequestURI();
			List<HandlerLookup.Candidate> listed = lookup.candidates(path);
			for (RequestMappingInfo info : all.keySet()) {
				if (info.getMatchingCondition(request) != null) {
					assertThat(listed).as("%s %s: a mapping Spring matches is a candidate: %s", request.getMethod(), path, info)
						.anyMatch(candidate -> candidate.info() == info);
				}
			}
			pairs += all.size();
			candidates += listed.size();
			Outcome ours = outcome(() -> lookup.lookupHandlerMethod(path, request), request);
			MockHttpServletRequest again = request(request.getMethod(), path);
			Outcome spring = outcome(() -> lookup.springLookup(path, again), again);
			assertThat(ours).as("%s %s", request.getMethod(), path).isEqualTo(spring);
			if (ours.method() != null) {
				found++;
			}
		}
		assertThat(found).as("requests made from the patterns find their methods").isGreaterThan(all.size() / 2);
		assertThat(candidates).as("mappings a path is matched against, of %d pairs", pairs).isLessThan(pairs / 20);
	}

	@Test
	void aMappingRegisteredAfterTheStartIsFoundAndForgottenWhenRemoved() throws Exception {
		HandlerLookup.LiteralBeginnings lookup = (HandlerLookup.LiteralBeginnings) mapping;
		RequestMappingInfo info = RequestMappingInfo.paths("/test-only/lookup/{id}").methods(RequestMethod.GET)
			.options(mapping.getBuilderConfiguration()).build();
		Method handler = LateHandler.class.getDeclaredMethod("late", String.class);
		assertThat(lookup.lookupHandlerMethod("/test-only/lookup/9", request("GET", "/test-only/lookup/9"))).isNull();
		mapping.registerMapping(info, new LateHandler(), handler);
		try {
			HandlerMethod found = lookup.lookupHandlerMethod("/test-only/lookup/9", request("GET", "/test-only/lookup/9"));
			assertThat(found).isNotNull();
			assertThat(found.getMethod()).isEqualTo(handler);
		}
		finally {
			mapping.unregisterMapping(info);
		}
		assertThat(lookup.lookupHandlerMethod("/test-only/lookup/9", request("GET", "/test-only/lookup/9"))).isNull();
	}

	static final class LateHandler {

		String late(String id) {
			return id;
		}
	}

	/** What a lookup gave: the method with its pattern and variables, or the kind of exception. */
	private record Outcome(Method method, Object pattern, Object variables, String failure) {
	}

	private interface Lookup {

		HandlerMethod find() throws Exception;
	}

	private static Outcome outcome(Lookup lookup, MockHttpServletRequest request) {
		try {
			HandlerMethod found = lookup.find();
			return new Outcome(found == null ? null : found.getMethod(),
					request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE),
					request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE), null);
		}
		catch (Exception ex) {
			return new Outcome(null, null, null, ex.getClass().getName());
		}
	}

	@Test
	void literalBeginningsStopAtTheFirstVariableOrWildcard() {
		assertThat(HandlerLookup.LiteralBeginnings.literalBeginning("/api/v1/shifts/{id}/signups")).isEqualTo("/api/v1/shifts/");
		assertThat(HandlerLookup.LiteralBeginnings.literalBeginning("/files/**")).isEqualTo("/files/");
		assertThat(HandlerLookup.LiteralBeginnings.literalBeginning("/a?c")).isEqualTo("/a");
		assertThat(HandlerLookup.LiteralBeginnings.literalBeginning("/admin")).isEqualTo("/admin");
		assertThat(HandlerLookup.LiteralBeginnings.literalBeginning("")).isEmpty();
		assertThat(HandlerLookup.LiteralBeginnings.directory("/api/v1/shifts/")).isEqualTo("/api/v1/shifts/");
		assertThat(HandlerLookup.LiteralBeginnings.directory("/files/img-")).isEqualTo("/files/");
		assertThat(HandlerLookup.LiteralBeginnings.directory("")).isEmpty();
	}

	@Test
	void aPathWithAVariableFindsItsMethodThroughTheShortcut() throws Exception {
		MockHttpServletRequest request = request("POST", "/api/v1/shifts/7/signups");
		HandlerMethod found = (HandlerMethod) mapping.getHandler(request).getHandler();
		assertThat(found.getMethod().getName()).isEqualTo("signUp");
		assertThat(found.getBeanType().getSimpleName()).isEqualTo("ActivityApiController");
	}

	@Test
	void anEncodedPathIsMatchedBySpringAlone() throws Exception {
		MockHttpServletRequest encoded = request("GET", "/api/v1/%61ctivities");
		RequestMappingInfo info = mapping.getHandlerMethods().keySet().stream()
			.filter(i -> i.getPathPatternsCondition() != null
					&& i.getPathPatternsCondition().getPatternValues().contains("/api/v1/activities"))
			.findFirst().orElseThrow();
		// the literal "/api/v1/activities" does not begin "/api/v1/%61ctivities": Spring decides, not the shortcut
		// (the lookup of a path with % skips it)
		assertThat(((HandlerLookup.LiteralBeginnings) mapping).getHandler(encoded)).as("found by Spring").isNotNull();
		assertThat(info.getMatchingCondition(encoded)).isNotNull();
	}

	private static List<MockHttpServletRequest> requestsFor(Iterable<RequestMappingInfo> infos) {
		List<MockHttpServletRequest> requests = new ArrayList<>();
		for (RequestMappingInfo info : infos) {
			if (info.getPathPatternsCondition() == null) {
				continue;
			}
			String method = info.getMethodsCondition().getMethods().stream().findFirst().map(RequestMethod::name)
				.orElse("GET");
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				requests.add(request(method, filled(pattern.getPatternString())));
			}
		}
		return requests;
	}

	private static String filled(String pattern) {
		Matcher m = VARIABLE.matcher(pattern);
		String path = m.replaceAll("1").replace("**", "a/b").replace("*", "a").replace("?", "a");
		return path.isEmpty() ? "/" : path;
	}

	private static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.addHeader("Accept", "*/*");
		ServletRequestPathUtils.parseAndCache(request);
		return request;
	}
}
