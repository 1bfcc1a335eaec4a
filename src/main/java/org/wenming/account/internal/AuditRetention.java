package org.wenming.account.internal;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.wenming.platform.RetentionJob;

/**
 * Security events are kept for the configured retention, then purged; the legal minimum of 180 days is
 * enforced by {@link AccountSecurityProperties.Audit}.
 */
@Component
class AuditRetention implements RetentionJob {

	private final SecurityEvents events;

	private final AccountSecurityProperties properties;

	AuditRetention(SecurityEvents events, AccountSecurityProperties properties) {
		this.events = events;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "security-audit";
	}

	@Override
	public String cron() {
		return properties.audit().purgeCron();
	}

	@Override
	public Duration retention() {
		return properties.audit().retention();
	}

	@Override
	public int deleteBatch(Instant before, int limit) {
		return events.purgeBefore(before, limit);
	}
}
