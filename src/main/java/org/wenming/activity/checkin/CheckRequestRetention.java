package org.wenming.activity.checkin;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A phone's idempotency keys and the answers they got ({@code check_request}) serve its retries and
 * its queued scans, which arrive within the offline window; kept for the retention (at least the
 * window and a day), then deleted. What happened stays in the attendance rows. A retry later still
 * records nothing twice (one attendance per volunteer and shift); it is only answered with a refusal
 * instead of its first answer.
 */
@Component
class CheckRequestRetention {

	private static final Logger log = LoggerFactory.getLogger(CheckRequestRetention.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CheckinProperties properties;

	CheckRequestRetention(JdbcClient jdbc, Clock clock, CheckinProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	@Scheduled(cron = "${wenming.checkin.request-purge-cron:0 27 3 * * *}", zone = "Asia/Shanghai")
	int purge() {
		int purged = jdbc.sql("delete from check_request where received_at < :before")
			.param("before", Timestamp.from(clock.instant().minus(properties.requestRetention())))
			.update();
		if (purged > 0) {
			log.info("Deleted {} check-in requests received more than {} ago", purged, properties.requestRetention());
		}
		return purged;
	}
}
