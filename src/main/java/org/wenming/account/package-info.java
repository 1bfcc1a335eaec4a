/**
 * Accounts and access: users with roles, each bound to a region whose subtree is their data scope;
 * login with lockout and idle timeout; security headers; the audit of security events; and the
 * administration of users, roles and region bindings.
 *
 * <p>Other modules find logins and grant the roles they manage (team leader) through {@link
 * org.wenming.account.AccountDirectory}; account reads region paths through {@code published_region}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region" })
@org.wenming.platform.ModuleTables(owns = { "app_user", "user_role", "security_event" }, reads = "published_region")
package org.wenming.account;
