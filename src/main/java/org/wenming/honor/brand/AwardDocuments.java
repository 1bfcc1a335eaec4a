package org.wenming.honor.brand;

import java.nio.charset.StandardCharsets;

/**
 * The award document's check by content: a PDF starts with {@code %PDF-} and ends with {@code %%EOF} (within
 * its last kilobyte: writers add a line end or a little padding), and is not larger than the setting. A
 * picture or anything else named {@code .pdf} is refused, whatever its name or declared type.
 */
final class AwardDocuments {

	private AwardDocuments() {
	}

	/** @return the message key of the rule broken, or null when the bytes pass */
	static String problem(byte[] bytes, int maxBytes) {
		if (bytes == null || bytes.length == 0) {
			return "honor.brand.error.documentEmpty";
		}
		if (bytes.length > maxBytes) {
			return "honor.brand.error.documentTooLarge";
		}
		byte[] magic = "%PDF-".getBytes(StandardCharsets.US_ASCII);
		if (bytes.length < 64 || !startsWith(bytes, magic)) {
			return "honor.brand.error.documentNotPdf";
		}
		int from = Math.max(0, bytes.length - 1024);
		String tail = new String(bytes, from, bytes.length - from, StandardCharsets.ISO_8859_1);
		if (!tail.contains("%%EOF")) {
			return "honor.brand.error.documentNotPdf";
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
