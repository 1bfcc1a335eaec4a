package org.wenming.activity.checkin;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

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

	// one node a minute: held 50 s at least, so the nodes' minutes do not each close shifts again; closing is
	// idempotent (only open attendances are closed), so a run repeated early changes nothing
	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	@SchedulerLock(name = "auto-check-out", lockAtMostFor = "10m", lockAtLeastFor = "50s")
	void run() {
		int closed = checkins.autoCheckOut(clock.instant());
		if (closed > 0) {
			log.info("Closed {} forgotten check-outs at their shift end", closed);
		}
	}
}
