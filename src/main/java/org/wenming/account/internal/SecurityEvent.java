package org.wenming.account.internal;

import java.time.Instant;

import org.wenming.shared.ScopedUser;

/**
 * One entry of the security audit. Built with the {@code with...} steps; text typed by a visitor
 * (a username on the login form) is cleaned before it is stored. Never carries a password.
 */
public record SecurityEvent(long id, Instant occurredAt, SecurityEventType type, Long actorUserId, String actorUsername,
		String actorRegionPath, Long targetUserId, String targetUsername, String ip, String outcome, String detail) {

	static SecurityEvent of(SecurityEventType type, String outcome) {
		return new SecurityEvent(0, null, type, null, "", null, null, null, null, outcome, null);
	}

	/** The actor as a signed-in person; their scope's path lets staff browse events within scope. */
	SecurityEvent by(ScopedUser user) {
		if (user == null) {
			return this;
		}
		String path = user.scope().isEverything() ? null : user.scope().path();
		return new SecurityEvent(id, occurredAt, type, user.userId(), clean(user.username(), 64), path, targetUserId,
				targetUsername, ip, outcome, detail);
	}

	/** The actor as typed (login form) or looked up: id and region path may be unknown. */
	SecurityEvent by(Long userId, String username, String regionPath) {
		return new SecurityEvent(id, occurredAt, type, userId, clean(username, 64), regionPath, targetUserId,
				targetUsername, ip, outcome, detail);
	}

	SecurityEvent on(long userId, String username) {
		return new SecurityEvent(id, occurredAt, type, actorUserId, actorUsername, actorRegionPath, userId,
				clean(username, 64), ip, outcome, detail);
	}

	SecurityEvent from(String address) {
		return new SecurityEvent(id, occurredAt, type, actorUserId, actorUsername, actorRegionPath, targetUserId,
				targetUsername, clean(address, 64), outcome, detail);
	}

	SecurityEvent detail(String text) {
		return new SecurityEvent(id, occurredAt, type, actorUserId, actorUsername, actorRegionPath, targetUserId,
				targetUsername, ip, outcome, clean(text, 500));
	}

	/** Strips control characters (log forging) and truncates, so typed text cannot bloat the audit. */
	static String clean(String text, int max) {
		if (text == null) {
			return null;
		}
		StringBuilder out = new StringBuilder();
		text.codePoints().filter(c -> !Character.isISOControl(c) && c != 0xFFFD).limit(max)
				.forEach(out::appendCodePoint);
		return out.toString();
	}
}
