package org.wenming.commendation.web;

import java.util.List;

import org.wenming.commendation.Commendation;
import org.wenming.commendation.CommendationLevel;
import org.wenming.platform.FormErrors;
import org.wenming.platform.FormValues;

/** What the commendation pages show. */
public final class CommendationViews {

	private CommendationViews() {
	}

	/** Staff's list of the commendations in their scope. */
	public record StaffList(List<Commendation> commendations, boolean saved) {
	}

	/** Staff's form for a new commendation. */
	public record NewForm(FormValues form, List<CommendationLevel> levels, int maxMegabytes, String today) {
	}

	/** The volunteer's own commendations and their certificate choice ({@code registered} false: not a volunteer). */
	public record Mine(boolean registered, List<Commendation> commendations, boolean onCertificates, boolean saved,
			FormErrors errors) {
	}
}
