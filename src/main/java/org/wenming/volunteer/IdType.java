package org.wenming.volunteer;

import java.util.Optional;

/** The identity documents a volunteer may register with (证件类型). Names are stored. */
public enum IdType {

	/** 居民身份证 (GB 11643, 18 characters) */
	RESIDENT_ID,
	/** 护照 */
	PASSPORT,
	/** 港澳居民来往内地通行证 (回乡证) */
	HK_MACAO_PERMIT,
	/** 台湾居民来往大陆通行证 (台胞证) */
	TAIWAN_PERMIT,
	/** 外国人永久居留身份证 */
	FOREIGNER_PR;

	public static Optional<IdType> parse(String text) {
		for (IdType type : values()) {
			if (type.name().equals(text)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

	public String messageKey() {
		return "volunteer.idType." + name();
	}
}
