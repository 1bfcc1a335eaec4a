package org.wenming.account;

/** What other modules may know of a login: who it is, never its password, roles or region binding. */
public record AccountSummary(long userId, String username, String displayName) {
}
