package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;

/**
 * A found session's last-access time moves only when it is a tenth of the timeout old (at most a minute), so
 * that a request changing nothing else in its session makes Spring Session write nothing; everything else
 * reaches the stored session unchanged.
 */
class SessionTouchTest {

	private static final Instant READ = Instant.parse("2026-12-07T08:00:00Z");

	@Test
	void theTimeMovesOncePerMinuteForAHalfHourSession() {
		MapSession stored = stored(Duration.ofMinutes(30));
		SessionReads.Touched session = new SessionReads.Touched(stored);

		session.setLastAccessedTime(READ.plusSeconds(59));
		assertThat(stored.getLastAccessedTime()).isEqualTo(READ);

		session.setLastAccessedTime(READ.plusSeconds(60));
		assertThat(stored.getLastAccessedTime()).isEqualTo(READ.plusSeconds(60));
		assertThat(session.getLastAccessedTime()).isEqualTo(READ.plusSeconds(60));
	}

	@Test
	void aShortTimeoutMovesItByATenth() {
		MapSession stored = stored(Duration.ofMinutes(5));
		SessionReads.Touched session = new SessionReads.Touched(stored);

		session.setLastAccessedTime(READ.plusSeconds(29));
		assertThat(stored.getLastAccessedTime()).isEqualTo(READ);
		session.setLastAccessedTime(READ.plusSeconds(30));
		assertThat(stored.getLastAccessedTime()).isEqualTo(READ.plusSeconds(30));
	}

	@Test
	void attributesTimeoutAndIdReachTheStoredSession() {
		MapSession stored = stored(Duration.ofMinutes(30));
		SessionReads.Touched session = new SessionReads.Touched(new SessionReads.Touched(stored));

		session.setAttribute("k", "v");
		session.setMaxInactiveInterval(Duration.ofMinutes(8));
		String id = session.changeSessionId();

		assertThat(stored.<String>getAttribute("k")).isEqualTo("v");
		assertThat(stored.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(8));
		assertThat(stored.getId()).isEqualTo(id).isEqualTo(session.getId());
		assertThat(session.session).as("wrapping twice keeps one layer").isSameAs(stored);
		session.removeAttribute("k");
		assertThat(stored.getAttributeNames()).isEmpty();
	}

	@Test
	void onlyATouchLeavesTheSessionUnheld() {
		SessionReads.Touched touched = new SessionReads.Touched(stored(Duration.ofMinutes(30)));
		touched.setLastAccessedTime(READ.plusSeconds(600));
		touched.getAttribute("k");
		assertThat(touched.held).as("moving the time and reading keep the write a touch").isFalse();

		SessionReads.Touched attribute = new SessionReads.Touched(stored(Duration.ofMinutes(30)));
		attribute.setAttribute("k", "v");
		SessionReads.Touched removed = new SessionReads.Touched(stored(Duration.ofMinutes(30)));
		removed.removeAttribute("k");
		SessionReads.Touched renamed = new SessionReads.Touched(stored(Duration.ofMinutes(30)));
		renamed.changeSessionId();
		SessionReads.Touched timeout = new SessionReads.Touched(stored(Duration.ofMinutes(30)));
		timeout.setMaxInactiveInterval(Duration.ofMinutes(5));
		assertThat(java.util.List.of(attribute, removed, renamed, timeout)).allMatch(s -> s.held);
	}

	private static MapSession stored(Duration timeout) {
		MapSession session = new MapSession();
		session.setMaxInactiveInterval(timeout);
		session.setLastAccessedTime(READ);
		return session;
	}
}
