package org.wenming.account.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.wenming.platform.SecurityAlarm;

/**
 * Records a module's {@link SecurityAlarm} in the security audit, actor {@code system}, with the region the
 * alarm concerns (so the staff whose scope covers it see it). A plain listener, in the publisher's transaction:
 * the alarm and the publisher's record of it (e.g. an integrity finding marked alarmed) commit together or not
 * at all, so an alarm is neither lost nor recorded for a finding that was not kept.
 */
@Component
class SecurityAlarms {

	private final SecurityEvents events;

	SecurityAlarms(SecurityEvents events) {
		this.events = events;
	}

	@EventListener
	void on(SecurityAlarm alarm) {
		SecurityEventType type = SecurityEventType.valueOf(alarm.kind().name());
		events.record(SecurityEvent.of(type, "ALARM").by(null, "system", alarm.regionPath()).detail(alarm.detail()));
	}
}
