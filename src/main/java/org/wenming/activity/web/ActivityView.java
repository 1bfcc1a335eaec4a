package org.wenming.activity.web;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.wenming.activity.Activity;
import org.wenming.activity.ActivityStatus;
import org.wenming.activity.Shift;
import org.wenming.activity.Signup;
import org.wenming.shared.CityTime;
import org.wenming.volunteer.Skill;

/** One activity's public page: its shifts, and for a signed-in volunteer their sign-ups and buttons. */
public record ActivityView(Activity activity, List<Shift> shifts, List<Signup> mine, boolean volunteer,
		OffsetDateTime now, String done, List<Skill> skills) {

	/** The shift's required skills by name in the visitor's language (the code when the dictionary lost one). */
	public String skillNames(Shift shift, Locale locale) {
		return shift.requiredSkills().stream()
			.map(code -> skills.stream().filter(s -> s.code().equals(code)).findFirst().map(s -> s.name(locale))
				.orElse(code))
			.collect(java.util.stream.Collectors.joining("、"));
	}

	/** The shift's required qualifications' message keys, in the order the organizer chose them. */
	public List<String> qualificationKeys(Shift shift) {
		return shift.requiredQualifications().stream().map(code -> "training.qualification." + code).toList();
	}

	public ActivityStatus status() {
		return activity.statusAt(now);
	}

	public Optional<Signup> signupFor(Shift shift) {
		return mine.stream().filter(s -> s.shiftId() == shift.id()).findFirst();
	}

	/** Sign-up is open for this shift: the activity is open and the shift lies ahead. */
	public boolean open(Shift shift) {
		return activity.status().open() && shift.startsAt().isAfter(now);
	}

	public static ZonedDateTime local(OffsetDateTime time) {
		return time == null ? null : time.atZoneSameInstant(CityTime.ZONE);
	}
}
