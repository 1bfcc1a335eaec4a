package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.wenming.support.WenmingTest;

/**
 * The shortcut of {@link HandlerLookup} turns a mapping away only when Spring would too: for a request made
 * from every pattern of the application (its variables filled in), every mapping that Spring's own matching
 * accepts is accepted; and it does turn most of them away, which is why it is there.
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
	void noMappingThatSpringMatchesIsTurnedAwayAndMostOthersAre() {
		HandlerLookup.LiteralBeginnings lookup = (HandlerLookup.LiteralBeginnings) mapping;
		Map<RequestMappingInfo, HandlerMethod> all = mapping.getHandlerMethods();
		assertThat(all).hasSizeGreaterThan(100);
		long pairs = 0;
		long springMatched = 0;
		long shortcutPassed = 0;
		for (MockHttpServletRequest request : requestsFor(all.keySet())) {
			for (RequestMappingInfo info : all.keySet()) {
				RequestMappingInfo spring = info.getMatchingCondition(request);
				RequestMappingInfo ours = lookup.matchingWithin(request.getRequestURI(), info, request);
				pairs++;
				if (spring != null) {
					springMatched++;
					assertThat(ours).as("%s %s against %s", request.getMethod(), request.getRequestURI(), info)
						.isEqualTo(spring);
				}
				if (lookupPasses(info, request)) {
					shortcutPassed++;
				}
			}
		}
		assertThat(springMatched).as("requests made from the patterns find their mappings").isGreaterThan(all.size() / 2);
		assertThat(all.keySet().stream().filter(info -> lookup.turnsAway("/no/such/page", info)).count())
			.as("the registry's own mappings are known to the shortcut").isGreaterThan(all.size() * 9L / 10);
		assertThat(shortcutPassed).as("mappings past the literal beginnings, of %d pairs", pairs).isLessThan(pairs / 10);
	}

	@Test
	void literalBeginningsStopAtTheFirstVariableOrWildcard() {
		assertThat(HandlerLookup.LiteralBeginnings.literalBeginning("/api/v1/shifts/{id}/signups")).isEqualTo("/api/v1/shifts/");
		assertThat(HandlerLookup.LiteralBeginnings.literalBeginning("/files/**")).isEqualTo("/files/");
		assertThat(HandlerLookup.LiteralBeginnings.literalBeginning("/a?c")).isEqualTo("/a");
		assertThat(HandlerLookup.LiteralBeginnings.literalBeginning("/admin")).isEqualTo("/admin");
		assertThat(HandlerLookup.LiteralBeginnings.literalBeginning("")).isEmpty();
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

	/** Whether the literal beginnings alone would let the mapping through (Spring's answer aside). */
	private static boolean lookupPasses(RequestMappingInfo info, MockHttpServletRequest request) {
		String path = request.getRequestURI();
		for (String beginning : HandlerLookup.LiteralBeginnings.of(info)) {
			if (path.startsWith(beginning)) {
				return true;
			}
		}
		return false;
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
