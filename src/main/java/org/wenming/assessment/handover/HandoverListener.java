package org.wenming.assessment.handover;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.wenming.assessment.RoundClosed;

/**
 * Hands a closed round's failed criteria over to casework, after the closing transaction commits. The
 * event publication registry keeps the event until this completes, so a crash delivers it again; the
 * hand-over records make that delivery create nothing twice.
 */
@Component
class HandoverListener {

	private final Handovers handovers;

	HandoverListener(Handovers handovers) {
		this.handovers = handovers;
	}

	@ApplicationModuleListener
	void on(RoundClosed event) {
		handovers.handOver(event.roundId());
	}
}
