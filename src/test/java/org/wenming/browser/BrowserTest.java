package org.wenming.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, driven by Debian's Chromium through Selenium. Tests take
 * a {@link Browsers} parameter and open one fresh browser (a fresh profile, so a fresh session) per
 * flow: {@code Browser b = browsers.open(Viewport.PHONE)}. After each test, any JavaScript error in a
 * page's console or any 5xx answer of the server fails it; a failing test leaves a screenshot and
 * the page's HTML under {@code target/browser-artifacts/}. Without Chromium the tests are skipped
 * (and say so), except on CI ({@code CI=true}), where they fail.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				// plain http on localhost: the session cookie cannot be Secure-only here
				"server.servlet.session.cookie.secure=false",
				// every browser of the suite reports from 127.0.0.1: the per-address limit would count them all as one resident
				"wenming.casework.citizen.rate-limit.enabled=false" })
@ActiveProfiles("test")
@Import({ ServerErrorRecorder.class, VolunteerFlowData.class })
@ExtendWith(BrowserExtension.class)
@Tag("browser")
public @interface BrowserTest {
}
