package org.wenming.assessment.round;

import java.time.LocalDate;

/** A round as submitted to be created or changed while still a draft. */
public record RoundDraft(String name, Long frameworkId, LocalDate startsOn, LocalDate endsOn, Integer quota) {
}
