package org.wenming.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Opens fresh browsers for one test (each with its own empty profile) and closes them after it. */
public final class Browsers {

	private final String baseUrl;

	private final List<Browser> opened = new ArrayList<>();

	private final List<Path> profiles = new ArrayList<>();

	Browsers(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** A new browser: no cookies, no session, Chinese as the browser's language. */
	public Browser open(Viewport viewport) {
		return open(viewport, "zh-CN");
	}

	public Browser open(Viewport viewport, String acceptLanguage) {
		Path profile;
		try {
			profile = Files.createTempDirectory("wenming-chromium-");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		profiles.add(profile);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(Chromium.BINARY.toFile());
		// the flags this machine needs: no sandbox as root, and no calls home on a closed network
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--disable-extensions", "--hide-scrollbars",
				"--user-data-dir=" + profile, "--lang=" + acceptLanguage,
				"--window-size=" + viewport.width + "," + viewport.height);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
		if (viewport.mobile) {
			options.setExperimentalOption("mobileEmulation", Map.of(
					"deviceMetrics", Map.of("width", viewport.width, "height", viewport.height, "pixelRatio", 2.0, "touch", true),
					"userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko)"
							+ " Chrome/156.0.0.0 Mobile Safari/537.36"));
		}
		options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Chromium.DRIVER.toFile())
			.usingAnyFreePort()
			.withLogOutput(java.io.OutputStream.nullOutputStream())
			.build();
		Browser browser = new Browser(new ChromeDriver(service, options), baseUrl, viewport);
		opened.add(browser);
		return browser;
	}

	List<Browser> opened() {
		return List.copyOf(opened);
	}

	void closeAll() {
		for (Browser browser : opened) {
			browser.close();
		}
		opened.clear();
		for (Path profile : profiles) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException | UncheckedIOException e) {
				// a temporary folder left behind is harmless
			}
		}
		profiles.clear();
	}
}
