package org.wenming.notification;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Notification settings ({@code wenming.notification.*}); checked at start.
 *
 * @param mode how notices are delivered: {@code log} (a log line each, for one machine and demos) or
 *        {@code webhook} (an HTTP POST to an SMS or WeChat gateway)
 * @param url the gateway's address (http or https), required in webhook mode
 * @param secret the HMAC-SHA256 key of the signature header, shared with the gateway; required in webhook
 *        mode (at least 16 characters)
 * @param bodyTemplate the request body; placeholders {id}, {topic}, {mobile}, {template}, {parameters} (a
 *        JSON object), {text} and {createdAt} are replaced by their JSON-escaped values
 * @param timeout how long one webhook request may take before it counts as failed (100ms..5m)
 * @param poll how often due notices are looked for (100ms..1h)
 * @param batchSize notices claimed at once by one delivery run (1..1000)
 * @param backoffBase the wait after the first failed attempt; it doubles with each further failure
 * @param backoffMax the longest wait between two attempts
 * @param maxAttempts attempts after which a notice is given up as FAILED (1..100)
 * @param retention how long SENT notices are kept (at least 1d)
 * @param purgeCron when older SENT notices are deleted (Spring cron, Asia/Shanghai; "-": never)
 */
@Validated
@ConfigurationProperties("wenming.notification")
public record NotificationProperties(@NotNull @DefaultValue("log") Mode mode, String url, String secret,
		@NotBlank @Size(max = 4000) @DefaultValue(DEFAULT_BODY) String bodyTemplate,
		@NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("10s") Duration timeout,
		@NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("10s") Duration poll,
		@Min(1) @Max(1000) @DefaultValue("50") int batchSize,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration backoffBase,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration backoffMax,
		@Min(1) @Max(100) @DefaultValue("10") int maxAttempts,
		@NotNull @DurationMin(days = 1) @DefaultValue("30d") Duration retention,
		@CronSchedule @DefaultValue("0 57 3 * * *") String purgeCron) {

	/** A JSON object with every field; the string placeholders stand inside quotes. */
	public static final String DEFAULT_BODY = "{\"id\":{id},\"topic\":\"{topic}\",\"mobile\":\"{mobile}\","
			+ "\"template\":\"{template}\",\"parameters\":{parameters},\"text\":\"{text}\",\"createdAt\":\"{createdAt}\"}";

	public enum Mode {
		LOG, WEBHOOK
	}

	public NotificationProperties {
		if (mode == Mode.WEBHOOK) {
			if (url == null || url.isBlank() || !httpUrl(url)) {
				throw new IllegalArgumentException(
						"wenming.notification.url must be an http or https address when wenming.notification.mode is webhook");
			}
			if (secret == null || secret.length() < 16) {
				throw new IllegalArgumentException("wenming.notification.secret (at least 16 characters) is required "
						+ "when wenming.notification.mode is webhook: the gateway verifies the signature with it");
			}
		}
		if (backoffBase != null && backoffMax != null && backoffMax.compareTo(backoffBase) < 0) {
			throw new IllegalArgumentException("wenming.notification.backoff-max must not be shorter than backoff-base");
		}
	}

	private static boolean httpUrl(String url) {
		try {
			URI uri = URI.create(url);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The secret stays out of logs and failure messages. */
	@Override
	public String toString() {
		return "NotificationProperties[mode=" + mode + ", url=" + url + ", secret=" + (secret == null ? "" : "****") + "]";
	}
}
