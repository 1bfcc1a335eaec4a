package org.wenming.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * First paint of each public page on a throttled phone: Chromium's "Slow 4G" (562.5 ms round trip,
 * 1.44 Mbit/s down, 675 kbit/s up, as DevTools defines it) and a CPU 4× slower, at 375 × 667, every
 * load in a fresh browser (empty cache, new connection — a first visit). The baseline, in the same
 * run and the same conditions, is the server's liveness probe: the floor that the network alone sets.
 * Run by {@code bench/first-paint.sh} against a running Wenming; not a test.
 */
public final class FirstPaintBench {

	static final String[] PAGES = { "/", "/sites", "/teams", "/activities", "/cases/report", "/dashboard", "/login",
			"/volunteers/register", "/certificates" };

	public static void main(String[] args) {
		String base = args.length > 0 ? args[0] : "http://localhost:8080";
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		Browsers browsers = new Browsers(base);
		try {
			double floor = median(base, "/actuator/health/liveness", runs, browsers)[0];
			System.out.printf(Locale.ROOT, "%-24s %14s %14s %10s%n", "page", "first paint ms", "FCP ms", "÷ probe");
			System.out.printf(Locale.ROOT, "%-24s %14.0f %14s %10s%n", "liveness probe (floor)", floor, "", "1.00");
			for (String page : PAGES) {
				double[] paint = median(base, page, runs, browsers);
				System.out.printf(Locale.ROOT, "%-24s %14.0f %14.0f %10.2f%n", page, paint[0], paint[1], paint[0] / floor);
			}
		}
		finally {
			browsers.closeAll();
		}
	}

	/** The median first paint and first contentful paint of {@code runs} cold loads. */
	private static double[] median(String base, String path, int runs, Browsers browsers) {
		List<Double> paints = new ArrayList<>();
		List<Double> contentful = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			Browser browser = browsers.open(Viewport.PHONE);
			browser.chrome().executeCdpCommand("Network.enable", Map.of());
			browser.chrome().executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
			browser.chrome().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
					"latency", 562.5, "downloadThroughput", 1_600_000 / 8 * 0.9, "uploadThroughput", 750_000 / 8 * 0.9));
			browser.chrome().executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", 4));
			browser.open(path);
			@SuppressWarnings("unchecked")
			Map<String, Number> times = (Map<String, Number>) browser.script("""
					const t = {};
					performance.getEntriesByType('paint').forEach(e => t[e.name] = e.startTime);
					return t;""");
			paints.add(times.getOrDefault("first-paint", Double.NaN).doubleValue());
			contentful.add(times.getOrDefault("first-contentful-paint", Double.NaN).doubleValue());
			browsers.closeAll();
		}
		return new double[] { middle(paints), middle(contentful) };
	}

	private static double middle(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}
}
