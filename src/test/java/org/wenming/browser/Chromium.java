package org.wenming.browser;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Debian's {@code chromium} and {@code chromium-driver} put the browser and its driver (override
 * with {@code -Dwenming.browser.chromium=…} and {@code -Dwenming.browser.chromedriver=…}), and
 * whether this machine has them. Nothing is ever downloaded: build machines cannot.
 */
final class Chromium {

	static final Path BINARY = Path.of(System.getProperty("wenming.browser.chromium", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getProperty("wenming.browser.chromedriver", "/usr/bin/chromedriver"));

	private Chromium() {
	}

	static boolean present() {
		return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
	}

	static String missing() {
		return "Chromium not found (" + BINARY + ", " + DRIVER + "): browser tests skipped."
				+ " Install them with: apt-get install chromium chromium-driver";
	}

	/** CI sets CI=true (GitHub Actions, GitLab, and this project's .ci/run): there a missing browser is a failure. */
	static boolean onCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}
}
