package org.wenming.commendation.web;

import java.util.List;
import java.util.Map;

import org.wenming.commendation.Commendation;
import org.wenming.commendation.CommendationLevel;
import org.wenming.platform.FormErrors;

/** What the commendation pages show. */
public final class CommendationViews {

	private CommendationViews() {
	}

	/** A form's submitted values and the refused fields. */
	public record Form(Map<String, String> values, FormErrors errors) {

		public String value(String field) {
			String value = values.get(field);
			return value == null ? "" : value;
		}

		public boolean is(String field, Object option) {
			return String.valueOf(option).equals(values.get(field));
		}

		public boolean hasError(String field) {
			return errors.has(field);
		}

		public String error(String field) {
			return errors.get(field);
		}

		public String describedBy(String field, String hintId) {
			return errors.describedBy(field, hintId);
		}

		public String invalid(String field) {
			return errors.has(field) ? "true" : null;
		}
	}

	/** Staff's list of the commendations in their scope. */
	public record StaffList(List<Commendation> commendations, boolean saved) {
	}

	/** Staff's form for a new commendation. */
	public record NewForm(Form form, List<CommendationLevel> levels, int maxMegabytes, String today) {
	}

	/** The volunteer's own commendations and their certificate choice ({@code registered} false: not a volunteer). */
	public record Mine(boolean registered, List<Commendation> commendations, boolean onCertificates, boolean saved,
			FormErrors errors) {
	}
}
