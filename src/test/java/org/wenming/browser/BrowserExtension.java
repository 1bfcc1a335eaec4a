package org.wenming.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Runs a {@link BrowserTest}: skips it without Chromium (fails it on CI), hands it {@link Browsers},
 * and afterwards fails it on console errors or server 5xx answers, keeps artifacts of a failure
 * and closes the browsers.
 */
final class BrowserExtension implements ExecutionCondition, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	/** Read by {@link BrowserSkipNotice} to say so at the end of the run. */
	static final AtomicReference<String> SKIPPED = new AtomicReference<>();

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

	private static final Path ARTIFACTS = Path.of("target", "browser-artifacts");

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (Chromium.present() || Chromium.onCi()) {
			return ConditionEvaluationResult.enabled("Chromium present, or CI where its absence fails the test");
		}
		SKIPPED.set(Chromium.missing());
		return ConditionEvaluationResult.disabled(Chromium.missing());
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (!Chromium.present()) {
			throw new AssertionError("CI=true and " + Chromium.missing()
					+ " .ci/run installs them; on CI a missing browser fails the run.");
		}
		context.getStore(NAMESPACE).put("errorsBefore", ServerErrorRecorder.ERRORS.size());
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Browsers.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		String port = SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
		Browsers browsers = new Browsers("http://localhost:" + port);
		context.getStore(NAMESPACE).put("browsers", browsers);
		return browsers;
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		Browsers browsers = context.getStore(NAMESPACE).get("browsers", Browsers.class);
		Integer errorsBefore = context.getStore(NAMESPACE).get("errorsBefore", Integer.class);
		List<String> problems = new ArrayList<>();
		if (errorsBefore != null) {
			List<String> all = ServerErrorRecorder.ERRORS;
			all.subList(Math.min(errorsBefore, all.size()), all.size()).forEach(e -> problems.add("server answered " + e));
		}
		if (browsers == null) {
			failOn(problems);
			return;
		}
		try {
			for (Browser browser : browsers.opened()) {
				browser.consoleErrors().forEach(e -> problems.add("console of " + browser.viewport() + ": " + e));
			}
			if (context.getExecutionException().isPresent() || !problems.isEmpty()) {
				keepArtifacts(context, browsers);
			}
		}
		finally {
			browsers.closeAll();
		}
		failOn(problems);
	}

	private static void failOn(List<String> problems) {
		if (!problems.isEmpty()) {
			throw new AssertionError("The flow passed its own checks, but:\n  " + String.join("\n  ", problems));
		}
	}

	private static void keepArtifacts(ExtensionContext context, Browsers browsers) throws IOException {
		Path folder = ARTIFACTS.resolve(context.getRequiredTestClass().getSimpleName());
		Files.createDirectories(folder);
		String name = (context.getRequiredTestMethod().getName() + "-" + context.getDisplayName())
				.replaceAll("[^\\p{Alnum}._-]+", "_");
		int n = 0;
		for (Browser browser : browsers.opened()) {
			String base = name + "-" + (++n) + "-" + browser.viewport();
			try {
				Files.write(folder.resolve(base + ".png"), browser.screenshot());
				Files.writeString(folder.resolve(base + ".html"),
						"<!-- " + browser.currentUrl() + " -->\n" + browser.html(), StandardCharsets.UTF_8);
			}
			catch (RuntimeException e) {
				Files.writeString(folder.resolve(base + ".txt"), "no artifacts: " + e, StandardCharsets.UTF_8);
			}
		}
	}
}
