package org.wenming.ledger.internal;

import org.wenming.ledger.LedgerRefusedException;

/** Checks on free text entered into the ledger: it is kept forever and hashed, so it is plain. */
public final class LedgerText {

	private LedgerText() {
	}

	/**
	 * Stripped text of {@code min..max} characters, without control characters, markup brackets,
	 * characters outside the basic plane (emoji) or replacement characters.
	 */
	public static String text(String field, String value, int min, int max) {
		String text = value == null ? "" : value.strip();
		if (text.isEmpty()) {
			if (min > 0) {
				throw new LedgerRefusedException(field, "ledger.error.required");
			}
			return null;
		}
		if (text.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>' || c == '\uFFFD'
				|| Character.isSupplementaryCodePoint(c) || Character.getType(c) == Character.SURROGATE
				|| Character.getType(c) == Character.FORMAT)) {
			throw new LedgerRefusedException(field, "ledger.error.characters");
		}
		int length = text.codePointCount(0, text.length());
		if (length < min) {
			throw new LedgerRefusedException(field, "ledger.error.tooShort");
		}
		if (length > max) {
			throw new LedgerRefusedException(field, "ledger.error.tooLong");
		}
		return text;
	}
}
