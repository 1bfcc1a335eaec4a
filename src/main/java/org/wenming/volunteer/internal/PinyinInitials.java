package org.wenming.volunteer.internal;

import java.util.Locale;

import net.sourceforge.pinyin4j.PinyinHelper;

/**
 * Pinyin initials of a name for search (张三 → zs). For a character with several readings the
 * first listed is taken (pinyin4j's order); Latin names give the first letter of each word.
 */
public final class PinyinInitials {

	private PinyinInitials() {
	}

	public static String of(String name) {
		StringBuilder out = new StringBuilder();
		boolean wordStart = true;
		for (int i = 0; i < name.length(); ) {
			int c = name.codePointAt(i);
			i += Character.charCount(c);
			if (Character.isBmpCodePoint(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
				String[] readings = PinyinHelper.toHanyuPinyinStringArray((char) c);
				if (readings != null && readings.length > 0 && !readings[0].isEmpty()) {
					out.append(Character.toLowerCase(readings[0].charAt(0)));
				}
				wordStart = true;
			}
			else if (Character.isLetter(c)) {
				if (wordStart) {
					out.append(String.valueOf(Character.toChars(c)).toLowerCase(Locale.ROOT));
				}
				wordStart = false;
			}
			else {
				wordStart = true;
			}
		}
		return out.length() > 50 ? out.substring(0, 50) : out.toString();
	}
}
