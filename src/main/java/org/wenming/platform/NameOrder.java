package org.wenming.platform;

import java.util.Locale;

/**
 * How lists of people, teams and units are ordered by name: by pinyin for Simplified Chinese and
 * English readers, by stroke count for Traditional Chinese readers (the order of Taiwan's and Hong
 * Kong's directories). PostgreSQL sorts with its ICU collations, which the embedded server has; the
 * collation name comes from this fixed list, never from a request.
 */
public enum NameOrder {

	/** ICU's default for zh-Hans: 阿明, 陈, 丁丁, 李四, 王五, 一二, 张三 */
	PINYIN("zh-Hans-x-icu"),

	/** ICU's default for zh-Hant: 一二, 丁丁, 王五, 李四, 阿明, 張三, 陳 */
	STROKES("zh-Hant-x-icu");

	private final String collation;

	NameOrder(String collation) {
		this.collation = collation;
	}

	public static NameOrder of(Locale locale) {
		return Languages.isTraditional(locale) ? STROKES : PINYIN;
	}

	/** The clause to put after a name column in {@code order by}. */
	public String collate() {
		return "collate \"" + collation + "\"";
	}
}
