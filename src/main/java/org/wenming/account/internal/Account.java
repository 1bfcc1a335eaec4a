package org.wenming.account.internal;

import java.time.Instant;
import java.util.List;

/** A user as administrators see it: never with the password hash. */
public record Account(long id, String username, String displayName, String regionCode, String regionName,
		String regionPath, boolean enabled, List<String> roles, Instant passwordChangedAt, Instant createdAt) {
}
