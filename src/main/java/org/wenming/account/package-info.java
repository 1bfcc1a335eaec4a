/**
 * Accounts and access: users with roles, each bound to a region whose subtree is their data scope;
 * login with lockout and idle timeout; security headers; the audit of security events; and the
 * administration of users, roles and region bindings.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region" })
package org.wenming.account;
