package org.wenming.volunteer;

import java.util.Optional;

/** Gender as the ID card records it; stored as 'M' or 'F'. */
public enum Gender {

	M, F;

	public static Optional<Gender> parse(String text) {
		return "M".equals(text) ? Optional.of(M) : "F".equals(text) ? Optional.of(F) : Optional.empty();
	}

	public String messageKey() {
		return "volunteer.gender." + name();
	}
}
