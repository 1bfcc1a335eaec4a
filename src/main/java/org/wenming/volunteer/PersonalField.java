package org.wenming.volunteer;

import java.util.Optional;

/** The personal numbers a reveal can show in full. */
public enum PersonalField {

	ID_NUMBER, PHONE;

	/** Accepts the names used in forms and the API: {@code ID}/{@code ID_NUMBER}, {@code PHONE}. */
	public static Optional<PersonalField> parse(String text) {
		if ("ID".equals(text) || "ID_NUMBER".equals(text)) {
			return Optional.of(ID_NUMBER);
		}
		return "PHONE".equals(text) ? Optional.of(PHONE) : Optional.empty();
	}

	public String messageKey() {
		return "volunteer.field." + name();
	}
}
