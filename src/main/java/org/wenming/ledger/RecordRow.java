package org.wenming.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.wenming.shared.CityTime;

/** A record as staff lists and volunteers' own pages show it (no hashes; the volunteer named). */
public record RecordRow(long seq, RecordKind kind, String volunteerNumber, String volunteerName, String activityTitle,
		OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours, String organizationName,
		String recordedBy, String confirmedBy, Long correctsSeq, String reason, String approvedBy,
		OffsetDateTime recordedAt) {

	public LocalDate day() {
		return startedAt.atZoneSameInstant(CityTime.ZONE).toLocalDate();
	}

	public String timeSpan() {
		var zone = CityTime.ZONE;
		var fmt = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
		return fmt.format(startedAt.atZoneSameInstant(zone)) + "–" + fmt.format(endedAt.atZoneSameInstant(zone));
	}
}
