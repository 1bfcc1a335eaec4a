package org.wenming.activity.checkin;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every minute: forgotten check-outs are closed at the shift end once the grace period has passed. */
@Component
class AutoCheckOut {

	private static final Logger log = LoggerFactory.getLogger(AutoCheckOut.class);

	private final Checkins checkins;

	private final Clock clock;

	AutoCheckOut(Checkins checkins, Clock clock) {
		this.checkins = checkins;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void run() {
		int closed = checkins.autoCheckOut(clock.instant());
		if (closed > 0) {
			log.info("Closed {} forgotten check-outs at their shift end", closed);
		}
	}
}
