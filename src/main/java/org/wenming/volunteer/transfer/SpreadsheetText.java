package org.wenming.volunteer.transfer;

/**
 * Text as it may go into a cell of a file opened in Excel or WPS: a value starting with
 * {@code = + - @} (or a tab or carriage return before one) would run as a formula (CSV injection),
 * so it gets a leading apostrophe, which spreadsheets show as text.
 */
public final class SpreadsheetText {

	private SpreadsheetText() {
	}

	public static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return value == null ? "" : value;
		}
		char first = value.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				|| first == '＝' || first == '＋' || first == '－' || first == '＠') {
			return "'" + value;
		}
		return value;
	}
}
