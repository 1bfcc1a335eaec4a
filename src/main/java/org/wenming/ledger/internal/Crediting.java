package org.wenming.ledger.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.wenming.activity.AttendanceConfirmed;
import org.wenming.ledger.RecordKind;

/**
 * Credits hours from confirmed attendance: one SERVICE record per volunteer, all of one
 * confirmation in one transaction. Runs after the confirming transaction commits, in a transaction
 * of its own; the event publication registry keeps the event until this completes, so a crash
 * leaves it to be delivered again, and the writer's duplicate check makes that delivery harmless.
 */
@Component
class Crediting {

	private final LedgerWriter writer;

	Crediting(LedgerWriter writer) {
		this.writer = writer;
	}

	@ApplicationModuleListener
	void on(AttendanceConfirmed event) {
		writer.append(records(event, writer.policy()));
	}

	static List<NewRecord> records(AttendanceConfirmed event, HoursPolicy policy) {
		List<NewRecord> records = new ArrayList<>(event.attendances().size());
		for (AttendanceConfirmed.Attendance a : event.attendances()) {
			records.add(new NewRecord(RecordKind.SERVICE, a.volunteerId(), event.activityId(), event.shiftId(),
					event.activityType().name(), event.activityTitle(), a.start(), a.end(),
					policy.round(a.start(), a.end()), event.organizer().kind().name(), event.organizer().id(),
					event.organizer().name(), event.organizer().regionPath(), a.recordedBy(), event.confirmedBy(), null,
					null, null));
		}
		return records;
	}
}
