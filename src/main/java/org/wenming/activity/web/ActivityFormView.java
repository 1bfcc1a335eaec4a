package org.wenming.activity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenming.activity.Activity;
import org.wenming.activity.ActivityType;
import org.wenming.activity.CampaignTheme;
import org.wenming.activity.LectureSetting;
import org.wenming.region.FieldProblem;
import org.wenming.region.RegionChoice;
import org.wenming.volunteer.Skill;
import org.wenming.volunteer.team.Team;

/** What the activity form page shows: the form as typed, the first error of each field, the choices. */
public record ActivityFormView(Activity activity, ActivityForm form, Map<String, String> errors, List<Team> teams,
		List<Skill> skills, RegionChoice region, boolean conflict) {

	static ActivityFormView of(Activity activity, ActivityForm form, List<FieldProblem> problems, List<Team> teams,
			List<Skill> skills, RegionChoice region) {
		Map<String, String> errors = new LinkedHashMap<>();
		problems.forEach(p -> errors.putIfAbsent(p.field(), p.messageKey()));
		return new ActivityFormView(activity, form, errors, teams, skills, region, false);
	}

	public boolean creating() {
		return activity == null;
	}

	public String action() {
		return creating() ? "/admin/activities/new" : "/admin/activities/" + activity.id() + "/edit";
	}

	public boolean hasError(String field) {
		return errors.containsKey(field);
	}

	public String error(String field) {
		return errors.get(field);
	}

	public String describedBy(String field, String hint) {
		String error = hasError(field) ? field + "-error" : null;
		if (error == null) {
			return hint;
		}
		return hint == null ? error : hint + " " + error;
	}

	public String shiftField(int index, String name) {
		return "shifts[" + index + "]." + name;
	}

	public ActivityType[] types() {
		return ActivityType.values();
	}

	public LectureSetting[] settings() {
		return LectureSetting.values();
	}

	public CampaignTheme[] themes() {
		return CampaignTheme.values();
	}
}
