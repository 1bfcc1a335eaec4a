package org.wenming.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Delivers again the event publications that stayed incomplete for longer than
 * {@code wenming.events.resubmit-after}: their node died between the commit that published them and the
 * listener's commit (attendance confirmed, hours not yet credited), or the listener failed. Modulith
 * republishes at a restart only, and a dead node may never come back; this runs on one live node per
 * period. The listeners dedupe deliveries (the ledger by its records' natural key, insight by its
 * applied-event keys), so a publication delivered twice has its effect once.
 */
@Component
class EventResubmission {

	private static final Logger log = LoggerFactory.getLogger(EventResubmission.class);

	private final IncompleteEventPublications incomplete;

	private final EventPublications publications;

	private final EventRetentionProperties properties;

	EventResubmission(IncompleteEventPublications incomplete, EventPublications publications,
			EventRetentionProperties properties) {
		this.incomplete = incomplete;
		this.publications = publications;
		this.properties = properties;
	}

	/**
	 * Held at least 30 s, so that a second node firing a few seconds later skips the minute; at most 10
	 * minutes, should this node die while delivering.
	 */
	@Scheduled(cron = "${wenming.events.resubmit-cron:0 * * * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "event-resubmission", lockAtMostFor = "10m", lockAtLeastFor = "30s")
	void resubmitStale() {
		resubmit();
	}

	/** Delivers every publication incomplete for longer than the setting again; returns how many there were. */
	int resubmit() {
		int stale = publications.incompleteOlderThan(properties.resubmitAfter());
		if (stale > 0) {
			log.info("Delivering {} event publications again that stayed incomplete for more than {}", stale,
					properties.resubmitAfter());
			incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmitAfter());
		}
		return stale;
	}
}
