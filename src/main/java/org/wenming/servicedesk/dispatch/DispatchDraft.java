package org.wenming.servicedesk.dispatch;

import java.time.OffsetDateTime;

/**
 * 派单: the team, how many volunteers, and when.
 *
 * @param needed places on the team's shift (1–200)
 */
public record DispatchDraft(Long teamId, Integer needed, OffsetDateTime startsAt, OffsetDateTime endsAt) {
}
