package org.wenming.platform;

/**
 * Something a module found that belongs in the security audit (the account module records it, as the system,
 * in the same transaction as the publisher's own writes): a module raises it without depending on the audit's
 * internals.
 *
 * @param kind what was found
 * @param regionPath the region it concerns (who may see it in the audit: staff whose scope covers it); null for
 *        the whole installation
 * @param detail what happened, in a few words (the audit keeps 500 characters)
 */
public record SecurityAlarm(Kind kind, String regionPath, String detail) {

	/** The kinds of alarm. */
	public enum Kind {
		/** A published page differs from what was published (the newsroom's integrity sweep). */
		CONTENT_TAMPERED,

		/** The ledger's tree no longer holds what a signed tree head promised (the ledger's head signing). */
		LEDGER_INCONSISTENT
	}
}
