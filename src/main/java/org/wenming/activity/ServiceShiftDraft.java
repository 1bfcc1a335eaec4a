package org.wenming.activity;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the service desk asks for when it dispatches an order to a team (派单): a shift of that team at a
 * village or community, for {@code places} volunteers. No address: the home address stays on the order.
 *
 * @param regionCode the village's or community's code
 * @param places how many volunteers may take it (接单)
 */
public record ServiceShiftDraft(long teamId, String title, String description, String regionCode,
		OffsetDateTime startsAt, OffsetDateTime endsAt, int places) {

	/** As an organizer's draft of a SERVICE activity with one shift, checked by the same rules. */
	ActivityDraft asActivityDraft() {
		return new ActivityDraft(title, description, ActivityType.SERVICE, null, null, null, null, teamId, null, null,
				null, regionCode, null, null, null, false,
				List.of(new ShiftDraft(startsAt, endsAt, places, null, List.of())));
	}
}
