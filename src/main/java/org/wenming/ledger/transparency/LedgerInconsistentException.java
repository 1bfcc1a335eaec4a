package org.wenming.ledger.transparency;

/** The tree no longer holds what a signed head promised: nothing was signed (see {@link TreeHeads#signNow}). */
public class LedgerInconsistentException extends IllegalStateException {

	public LedgerInconsistentException(String message) {
		super(message);
	}
}
