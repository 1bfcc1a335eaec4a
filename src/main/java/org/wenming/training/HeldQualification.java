package org.wenming.training;

import java.time.LocalDate;

/** A qualification a volunteer holds, valid through {@code validUntil} (null: no expiry). */
public record HeldQualification(Qualification qualification, LocalDate validUntil) {

	public boolean validOn(LocalDate day) {
		return validUntil == null || !validUntil.isBefore(day);
	}
}
