package org.wenming.account.internal;

/**
 * What a plain-text field may hold: no control characters, no U+FFFD (what bytes that are not
 * UTF-8 decode to, so its presence means the client sent garbage), and no angle brackets, so
 * the text can never be mistaken for markup wherever it is shown.
 */
final class TextRules {

	private TextRules() {
	}

	static boolean isPlain(String text) {
		return text.codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0xFFFD || c == '<' || c == '>');
	}

	static boolean hasControlOrGarbage(String text) {
		return text.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFD);
	}
}
