package org.wenming.activity.checkin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

/**
 * Check-in settings ({@code wenming.checkin.*}), checked at start: a bad value stops the start with
 * a message naming the property.
 *
 * @param codePeriod how long one QR code is shown before the next (30 s to 60 s)
 * @param checkInLead how long before a shift's start volunteers may check in
 * @param offlineWindow how far in the past a queued scan ({@code occurredAt}) may lie
 * @param clockSkew how far in the future a phone's clock may be and still be believed
 * @param autoCheckoutGrace how long after a shift's end forgotten check-outs are closed
 * @param minimumPresence share of the shift a volunteer must be present to count (0 turns the rule off)
 * @param requestRetention how long a phone's idempotency keys and answers are kept (at least the offline window and a day)
 * @param requestPurgeCron when older keys are deleted (Spring cron, Asia/Shanghai; "-": never)
 * @param secret base64 HMAC key for QR tokens (at least 32 bytes); none: generated with the embedded database
 */
@Validated
@ConfigurationProperties("wenming.checkin")
record CheckinProperties(@DefaultValue("30s") Duration codePeriod, @DefaultValue("30m") Duration checkInLead,
		@DefaultValue("24h") Duration offlineWindow, @DefaultValue("2m") Duration clockSkew,
		@DefaultValue("30m") Duration autoCheckoutGrace, @DefaultValue("0.6") double minimumPresence,
		@DefaultValue("30d") Duration requestRetention, @CronSchedule @DefaultValue("0 27 3 * * *") String requestPurgeCron,
		String secret) {

	CheckinProperties {
		require(codePeriod.compareTo(Duration.ofSeconds(30)) >= 0 && codePeriod.compareTo(Duration.ofSeconds(60)) <= 0
				&& codePeriod.toMillis() % 1000 == 0, "code-period", "must be whole seconds between 30s and 60s");
		require(!checkInLead.isNegative() && checkInLead.compareTo(Duration.ofHours(24)) <= 0, "check-in-lead",
				"must be between 0 and 24h");
		require(!offlineWindow.isNegative() && offlineWindow.compareTo(Duration.ofDays(7)) <= 0, "offline-window",
				"must be between 0 and 7d");
		require(!clockSkew.isNegative() && clockSkew.compareTo(Duration.ofMinutes(10)) <= 0, "clock-skew",
				"must be between 0 and 10m");
		require(!autoCheckoutGrace.isNegative() && autoCheckoutGrace.compareTo(Duration.ofDays(2)) <= 0,
				"auto-checkout-grace", "must be between 0 and 2d");
		require(minimumPresence >= 0 && minimumPresence <= 1, "minimum-presence", "must be between 0 and 1");
		require(requestRetention.compareTo(offlineWindow.plusDays(1)) >= 0, "request-retention",
				"must be at least the offline window and a day (" + offlineWindow.plusDays(1) + "), not " + requestRetention);
	}

	private static void require(boolean ok, String property, String rule) {
		if (!ok) {
			throw new IllegalArgumentException("wenming.checkin." + property + " " + rule);
		}
	}
}
