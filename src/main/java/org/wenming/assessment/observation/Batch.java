package org.wenming.assessment.observation;

import java.time.Instant;
import java.util.List;

/**
 * A submission from a phone, its values already of the right types (the checks against the round, the
 * place and each criterion's rule are the service's).
 *
 * @param observedAt when the phone recorded it (a queued submission is sent later); null: now
 * @param latitude the phone's position, or null (both or neither)
 */
public record Batch(List<Entry> entries, Double latitude, Double longitude, Instant observedAt) {

	/**
	 * One criterion's record: the one value its rule needs, and a note.
	 *
	 * @param field how the entry is named in errors ({@code entries[3]} in JSON, {@code c17} on the page)
	 */
	public record Entry(String field, Long criterionId, Boolean passed, Integer shortfalls, Integer counted,
			String note) {
	}
}
