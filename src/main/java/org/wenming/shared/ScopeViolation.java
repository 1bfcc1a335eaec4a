package org.wenming.shared;

/**
 * A signed-in person tried to reach a record outside their data scope (published so the account
 * module can record it in the security audit without every module depending on it).
 *
 * @param userId who tried, if known (0 when not signed in)
 * @param username who tried
 * @param resource what kind of record ("site", "user", ...)
 * @param id which record
 * @param requestPath the path of the request
 * @param ip the client address
 */
public record ScopeViolation(long userId, String username, String resource, String id, String requestPath,
		String ip) {
}
