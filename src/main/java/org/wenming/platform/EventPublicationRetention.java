package org.wenming.platform;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Completed event publications (the outbox rows of every fact the modules told each other about) are
 * kept for the configured retention, then deleted: a city's registrations, confirmations and case steps
 * would otherwise grow the table forever. Incomplete ones are never deleted here; they wait to be
 * delivered again at the next start.
 */
@Configuration(proxyBeanMethods = false)
class EventPublicationRetention {

	private static final Logger log = LoggerFactory.getLogger(EventPublicationRetention.class);

	private final CompletedEventPublications completed;

	private final Duration retention;

	EventPublicationRetention(CompletedEventPublications completed,
			@Value("${wenming.events.retention:30d}") Duration retention) {
		if (retention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalStateException("wenming.events.retention must be at least 1d, not " + retention);
		}
		this.completed = completed;
		this.retention = retention;
	}

	@Scheduled(cron = "${wenming.events.purge-cron:0 37 3 * * *}", zone = "Asia/Shanghai")
	void purge() {
		completed.deletePublicationsOlderThan(retention);
		log.info("Deleted event publications completed more than {} ago", retention);
	}
}
