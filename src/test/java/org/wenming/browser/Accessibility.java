package org.wenming.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * axe-core (vendored in {@code src/test/resources/axe/}, see its README) run inside the page. A page
 * passes with no serious or critical violation of WCAG 2.2 A/AA and axe's best practices, except the
 * rules waived in {@code axe/waivers.properties}, each with its reason.
 */
public final class Accessibility {

	private static final String AXE = resource("/axe/axe.min.js");

	private static final Properties WAIVERS = waivers();

	private static final Set<String> BLOCKING = Set.of("serious", "critical");

	private Accessibility() {
	}

	/**
	 * Has the browser load axe-core into every page it opens from now on (through the DevTools
	 * protocol, so the page's Content-Security-Policy does not apply), instead of sending the script
	 * over WebDriver for each check: for tests that check many pages.
	 */
	public static void preload(Browser browser) {
		browser.chrome().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", AXE));
	}

	/** Fails with every blocking violation on the page now shown. */
	public static void assertAccessible(Browser browser) {
		List<String> violations = violations(browser, false);
		if (!violations.isEmpty()) {
			throw new AssertionError("axe-core on " + browser.path() + " at " + browser.viewport() + ":\n  "
					+ String.join("\n  ", violations));
		}
	}

	/**
	 * The blocking violations on the page now shown; with {@code enhancedContrast} also WCAG's AAA
	 * contrast (7:1), which the elderly mode promises.
	 */
	public static List<String> violations(Browser browser, boolean enhancedContrast) {
		if (!Boolean.TRUE.equals(browser.script("return typeof window.axe === 'object'"))) {
			browser.script(AXE);
		}
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> found = (List<Map<String, Object>>) browser.chrome().executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const options = {
				  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
				  resultTypes: ['violations']
				};
				if (arguments[0]) options.rules = {'color-contrast-enhanced': {enabled: true}};
				if (arguments[0]) options.runOnly.values.push('wcag2aaa');
				axe.run(document, options).then(r => done(r.violations.map(v => ({
				  id: v.id, impact: v.impact, help: v.help,
				  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1).join(' '))
				})))).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
				""", enhancedContrast);
		List<String> blocking = new ArrayList<>();
		for (Map<String, Object> v : found) {
			String id = (String) v.get("id");
			boolean enforcedAaa = enhancedContrast && "color-contrast-enhanced".equals(id);
			if ((BLOCKING.contains(v.get("impact")) || enforcedAaa) && !WAIVERS.containsKey(id)) {
				blocking.add(id + " (" + v.get("impact") + "): " + v.get("help") + " " + v.get("nodes"));
			}
		}
		return blocking;
	}

	private static Properties waivers() {
		Properties waivers = new Properties();
		try (InputStream in = Accessibility.class.getResourceAsStream("/axe/waivers.properties")) {
			waivers.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return waivers;
	}

	private static String resource(String name) {
		try (InputStream in = Accessibility.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
