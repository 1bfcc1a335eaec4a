/**
 * Activities and attendance: activities of every kind (service, lecture, market, course, themed
 * campaign) with their shifts, sign-up that never overbooks (waitlist, approval), check-in and
 * check-out by rotating QR code or by staff, idempotent under retries. Confirming a shift's
 * attendance publishes {@link org.wenming.activity.AttendanceConfirmed}; the ledger credits hours
 * from it, this module never writes hours itself.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "volunteer",
		"volunteer :: team", "demo" })
package org.wenming.activity;
