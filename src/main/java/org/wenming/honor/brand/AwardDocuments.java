package org.wenming.honor.brand;

import org.wenming.platform.PdfDocuments;

/**
 * The award document's check by content ({@link PdfDocuments}: a PDF by its first and last bytes, not larger
 * than the setting), said with the honours' message keys.
 */
final class AwardDocuments {

	private AwardDocuments() {
	}

	/** @return the message key of the rule broken, or null when the bytes pass */
	static String problem(byte[] bytes, int maxBytes) {
		PdfDocuments.Problem problem = PdfDocuments.problem(bytes, maxBytes);
		if (problem == null) {
			return null;
		}
		return switch (problem) {
			case EMPTY -> "honor.brand.error.documentEmpty";
			case TOO_LARGE -> "honor.brand.error.documentTooLarge";
			case NOT_PDF -> "honor.brand.error.documentNotPdf";
		};
	}
}
