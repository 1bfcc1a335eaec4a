package org.wenming.account.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** Security events are kept for the configured retention (at least 180 days), then purged. */
@Configuration(proxyBeanMethods = false)
class AuditRetention {

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	private final SecurityEvents events;

	private final AccountSecurityProperties properties;

	private final Clock clock;

	AuditRetention(SecurityEvents events, AccountSecurityProperties properties, Clock clock) {
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(cron = "${wenming.security.audit.purge-cron:0 17 3 * * *}", zone = "Asia/Shanghai")
	int purge() {
		int purged = events.purgeBefore(clock.instant().minus(properties.audit().retention()));
		if (purged > 0) {
			log.info("Purged {} security events older than {}", purged, properties.audit().retention());
		}
		return purged;
	}
}
