package org.wenming.volunteer.team.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenming.region.FieldProblem;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamLevel;
import org.wenming.volunteer.team.TeamStatus;
import org.wenming.volunteer.team.TeamType;

/**
 * The add or edit page: the form's values, each field's error (a message key), and whether the
 * edit lost a race with someone else's.
 *
 * @param team the team being edited, or null when adding one
 */
public record TeamFormView(Team team, TeamForm form, Map<String, String> errors, boolean stale) {

	static TeamFormView of(Team team, TeamForm form, List<FieldProblem> problems, boolean stale) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldProblem problem : problems) {
			errors.putIfAbsent(problem.field(), problem.messageKey());
		}
		return new TeamFormView(team, form, errors, stale);
	}

	public boolean creating() {
		return team == null;
	}

	public String action() {
		return creating() ? "/admin/teams/new" : "/admin/teams/" + team.id() + "/edit";
	}

	public List<TeamLevel> levels() {
		return List.of(TeamLevel.values());
	}

	public List<TeamType> types() {
		return List.of(TeamType.values());
	}

	public List<TeamStatus> statuses() {
		return List.of(TeamStatus.values());
	}

	public boolean hasError(String field) {
		return errors.containsKey(field);
	}

	public String error(String field) {
		return errors.get(field);
	}

	/** The aria-describedby of a field: its error when it has one, else its hint (may be null). */
	public String describedBy(String field, String hintId) {
		return hasError(field) ? field + "-error" : hintId;
	}
}
