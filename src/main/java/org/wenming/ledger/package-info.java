/**
 * The service-hours ledger (志愿服务记录): append-only, hash-chained service records credited from
 * confirmed attendance ({@link org.wenming.activity.AttendanceConfirmed}) or entered by staff,
 * corrections as compensating records, per-volunteer totals and star levels, chain verification,
 * and service certificates that anyone can verify.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "volunteer",
		"volunteer :: team", "activity", "demo" })
package org.wenming.ledger;
