package org.wenming.ledger;

import java.time.LocalDate;

/**
 * Which records a staff member lists: all filters optional, always inside their scope.
 *
 * @param volunteerNumber the volunteer's unified number
 * @param teamId records of this organizing team
 * @param from first city day (inclusive)
 * @param to last city day (inclusive)
 */
public record RecordQuery(String volunteerNumber, Long teamId, LocalDate from, LocalDate to, int page, int size) {
}
