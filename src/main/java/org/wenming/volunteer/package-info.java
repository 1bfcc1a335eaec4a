/**
 * Volunteers and teams: real-name registration with protected personal data (encrypted, hashed,
 * masked; revealing needs a permission, a reason and leaves an audit record), the team hierarchy
 * and membership, search within a data scope, and bulk import and export.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "account", "demo" })
package org.wenming.volunteer;
