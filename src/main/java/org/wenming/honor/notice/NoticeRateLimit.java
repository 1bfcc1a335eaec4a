package org.wenming.honor.notice;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.platform.RetentionJob;

/**
 * How many likes, comments, objections and proof-of-work challenges one client may send: a counter per client, action and fixed window in
 * PostgreSQL ({@code honor_notice_rate}), raised by one atomic upsert, so every node counts the same requests and
 * concurrent ones cannot all pass the last place. The client is a keyed hash of the account or the address block.
 */
@Component
public class NoticeRateLimit implements RetentionJob {

	/** What is counted, with its window. */
	public enum Action {
		LIKE(Duration.ofMinutes(1)), COMMENT(Duration.ofHours(1)), OBJECTION(Duration.ofHours(1)),
		/** a proof-of-work challenge asked for ({@code GET /api/v1/honor/pow}) */
		CHALLENGE(Duration.ofMinutes(1));

		private final Duration window;

		Action(Duration window) {
			this.window = window;
		}
	}

	private final JdbcClient jdbc;

	private final NoticeProperties properties;

	private final NoticeKeys.NoticeSecret secret;

	NoticeRateLimit(JdbcClient jdbc, NoticeProperties properties, NoticeKeys.NoticeSecret secret) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.secret = secret;
	}

	/** One client's counter for one action now: its row's key, the window's start and end, and the limit. */
	record Window(byte[] clientHash, String action, OffsetDateTime start, Instant end, int max) {

		/** The refusal once the window is full: retry when it ends. */
		NoticeRateLimitException refusal(Instant now) {
			return new NoticeRateLimitException(Duration.between(now.truncatedTo(ChronoUnit.SECONDS), end));
		}
	}

	/** The client's window for the action at {@code now} (what {@link #hit} raises). */
	Window window(NoticeClient client, Action action, Instant now) {
		int max = switch (action) {
			case LIKE -> properties.likesPerMinute();
			case COMMENT -> properties.commentsPerHour();
			case OBJECTION -> properties.objectionsPerHour();
			case CHALLENGE -> properties.challengesPerMinute();
		};
		long windowSeconds = action.window.toSeconds();
		Instant start = Instant.ofEpochSecond(now.getEpochSecond() / windowSeconds * windowSeconds);
		String key = client.user() != null ? "account:" + client.user().userId() : "block:" + client.addressBlock();
		return new Window(secret.mac("rate:" + key), action.name(), OffsetDateTime.ofInstant(start, ZoneOffset.UTC),
				start.plus(action.window), max);
	}

	/**
	 * Counts one request of the client.
	 *
	 * @throws NoticeRateLimitException when the client's window is already full
	 */
	public void hit(NoticeClient client, Action action, Instant now) {
		Window window = window(client, action, now);
		int hits = jdbc.sql("""
				insert into honor_notice_rate (client_hash, action, window_start, hits) values (:client, :action, :start, 1)
				on conflict (client_hash, action, window_start) do update set hits = honor_notice_rate.hits + 1
				returning hits""").param("client", window.clientHash()).param("action", window.action())
				.param("start", window.start()).query(Integer.class).single();
		if (hits > window.max()) {
			throw window.refusal(now);
		}
	}

	@Override
	public String name() {
		return "honor-notice-rates";
	}

	@Override
	public String cron() {
		return "0 17 * * * *";
	}

	/** The longest window and some: an older counter counts nothing. */
	@Override
	public Duration retention() {
		return Duration.ofHours(2);
	}

	@Override
	public int deleteBatch(Instant before, int limit) {
		return jdbc.sql("""
				delete from honor_notice_rate where (client_hash, action, window_start) in (
				    select client_hash, action, window_start from honor_notice_rate where window_start < :before limit :limit)""")
				.param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC)).param("limit", limit).update();
	}
}
