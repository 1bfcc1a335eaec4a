package org.wenming.platform;

import java.nio.charset.StandardCharsets;

/**
 * A document's check by content, for the modules that keep PDFs (award documents, commendation documents): a
 * PDF starts with {@code %PDF-} and ends with {@code %%EOF} (within its last kilobyte: writers add a line end
 * or a little padding), and is not larger than the module's setting. A picture or anything else named
 * {@code .pdf} is refused, whatever its name or declared type. Each module says the problem in its own words.
 */
public final class PdfDocuments {

	/** What is wrong with the bytes. */
	public enum Problem {
		EMPTY, TOO_LARGE, NOT_PDF
	}

	private PdfDocuments() {
	}

	/** @return the rule the bytes break, or null when they pass */
	public static Problem problem(byte[] bytes, int maxBytes) {
		if (bytes == null || bytes.length == 0) {
			return Problem.EMPTY;
		}
		if (bytes.length > maxBytes) {
			return Problem.TOO_LARGE;
		}
		byte[] magic = "%PDF-".getBytes(StandardCharsets.US_ASCII);
		if (bytes.length < 64 || !startsWith(bytes, magic)) {
			return Problem.NOT_PDF;
		}
		int from = Math.max(0, bytes.length - 1024);
		String tail = new String(bytes, from, bytes.length - from, StandardCharsets.ISO_8859_1);
		if (!tail.contains("%%EOF")) {
			return Problem.NOT_PDF;
		}
		return null;
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}
}
