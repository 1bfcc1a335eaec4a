package org.wenming.notification;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.notification.NotificationProperties.Mode;

/** Notices and settings the notification tests share; each notice's text carries a marker of its own. */
final class NotificationFixtures {

	static final String SECRET = "test-gateway-secret-0123456789";

	static final String MOBILE = "13812345678";

	static final String MASKED = "138****5678";

	private NotificationFixtures() {
	}

	static String marker() {
		return "t-" + UUID.randomUUID();
	}

	static Notification notice(String marker) {
		return new Notification("servicedesk.code", "138 1234-5678", "SMS_1234567",
				Map.of("code", "482913", "minutes", "5"), "【文明实践】您的验证码是 482913，5 分钟内有效。\"" + marker + "\"\n");
	}

	static long idOf(JdbcClient jdbc, String marker) {
		return jdbc.sql("select id from notification_outbox where text like :m").param("m", "%" + marker + "%")
			.query(Long.class).single();
	}

	static int countOf(JdbcClient jdbc, String marker) {
		return jdbc.sql("select count(*) from notification_outbox where text like :m").param("m", "%" + marker + "%")
			.query(Integer.class).single();
	}

	static Map<String, Object> row(JdbcClient jdbc, long id) {
		return jdbc.sql("select status, attempts, next_attempt_at, last_error, sent_at, node from notification_outbox where id = :id")
			.param("id", id).query().singleRow();
	}

	static NotificationProperties webhook(String url, Duration timeout, int batchSize, Duration base, Duration max,
			int maxAttempts) {
		return new NotificationProperties(Mode.WEBHOOK, url, SECRET, NotificationProperties.DEFAULT_BODY, timeout,
				Duration.ofSeconds(10), batchSize, base, max, maxAttempts, Duration.ofDays(30), "0 57 3 * * *");
	}

	static NotificationProperties logMode() {
		return new NotificationProperties(Mode.LOG, null, null, NotificationProperties.DEFAULT_BODY,
				Duration.ofSeconds(10), Duration.ofSeconds(10), 50, Duration.ofSeconds(30), Duration.ofHours(1), 10,
				Duration.ofDays(30), "0 57 3 * * *");
	}
}
