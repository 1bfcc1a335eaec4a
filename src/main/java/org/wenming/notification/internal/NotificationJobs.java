package org.wenming.notification.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Delivers due notices every {@code wenming.notification.poll}. */
@Component
class NotificationJobs {

	private static final Logger log = LoggerFactory.getLogger(NotificationJobs.class);

	private final OutboxDelivery delivery;

	private final Clock clock;

	NotificationJobs(OutboxDelivery delivery, Clock clock) {
		this.delivery = delivery;
		this.clock = clock;
	}

	// one node per period; the claim (skip locked, leased) keeps two runs apart anyway should the lock lapse
	// while a run waits on a slow gateway. Held at most 10 minutes should its node die, at least a second so
	// that nodes polling every few seconds do not all run in the same instant.
	@Scheduled(fixedDelayString = "${wenming.notification.poll:10s}", initialDelayString = "${wenming.notification.poll:10s}")
	@SchedulerLock(name = "notification-delivery", lockAtMostFor = "10m", lockAtLeastFor = "1s")
	void deliverOnSchedule() {
		int sent = delivery.deliverDue(clock.instant());
		if (sent > 0) {
			log.debug("Delivered {} notifications", sent);
		}
	}
}
