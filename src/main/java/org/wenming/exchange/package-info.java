/**
 * Record transfer (转移接续, issue 22): a volunteer's whole record in one file, {@code wenming-record/1} (JSON lines;
 * see {@code docs/notes/exchange.md}) — basic information, service hours by record, commendations and the
 * certificates issued — signed with the ledger's key so a receiving system can tell it is whole and from whom.
 * Exported by the volunteer themselves, by office staff in scope with a reason (recorded in {@code exchange_event}),
 * one volunteer or all in the scope, streamed; imported by staff from a trusted source into the ledger as external
 * records ({@link org.wenming.ledger.RecordTransfer}), all or nothing, row by row errors, never twice.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "volunteer",
		"volunteer :: team", "ledger", "commendation", "complaint", "training" })
@org.wenming.platform.ModuleTables(owns = { "exchange_event", "exchange_upload" }, reads = { "published_volunteer" })
package org.wenming.exchange;
