package org.wenming.volunteer.team.web;

import java.util.List;

import org.wenming.region.FieldProblem;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamDraft;
import org.wenming.volunteer.team.TeamLevel;
import org.wenming.volunteer.team.TeamStatus;
import org.wenming.volunteer.team.TeamType;

/**
 * The team form exactly as submitted: every value a string, so whatever was typed can be shown
 * again next to its error. {@link #draft} turns it into a draft, noting values of the wrong type.
 */
public record TeamForm(String parentId, String level, String regionCode, String name, String type,
		String practiceSiteId, String contactName, String contactPhone, String description, String status,
		String version) {

	static TeamForm empty(String regionCode, String parentId) {
		return new TeamForm(parentId, "", regionCode, "", "", "", "", "", "", TeamStatus.ACTIVE.name(), "");
	}

	static TeamForm of(Team team) {
		return new TeamForm(team.parentId() == null ? "" : String.valueOf(team.parentId()), team.level().name(),
				team.regionCode(), team.name(), team.type().name(),
				team.practiceSiteId() == null ? "" : String.valueOf(team.practiceSiteId()), team.contactName(),
				team.contactPhone(), team.description(), team.status().name(), String.valueOf(team.version()));
	}

	/** The draft, with problems added for values that are not of their field's type. */
	TeamDraft draft(List<FieldProblem> problems) {
		TeamLevel parsedLevel = null;
		if (!blank(level)) {
			parsedLevel = TeamLevel.parse(level.strip()).orElse(null);
			if (parsedLevel == null) {
				problems.add(new FieldProblem("level", "team.error.level"));
			}
		}
		TeamType parsedType = null;
		if (!blank(type)) {
			parsedType = TeamType.parse(type.strip()).orElse(null);
			if (parsedType == null) {
				problems.add(new FieldProblem("type", "team.error.type"));
			}
		}
		TeamStatus parsedStatus = TeamStatus.ACTIVE;
		if (!blank(status)) {
			parsedStatus = TeamStatus.parse(status.strip()).orElse(null);
			if (parsedStatus == null) {
				problems.add(new FieldProblem("status", "team.error.status"));
			}
		}
		return new TeamDraft(id("parentId", parentId, problems), parsedLevel, regionCode, name, parsedType,
				id("practiceSiteId", practiceSiteId, problems), contactName, contactPhone, description, parsedStatus);
	}

	/** The version the edit was based on, or -1 when missing or malformed (which no team has). */
	int versionOrInvalid() {
		return version != null && version.matches("\\d{1,9}") ? Integer.parseInt(version) : -1;
	}

	private static Long id(String field, String value, List<FieldProblem> problems) {
		if (blank(value)) {
			return null;
		}
		if (!value.strip().matches("[1-9]\\d{0,17}")) {
			problems.add(new FieldProblem(field, "team.error.id"));
			return null;
		}
		return Long.parseLong(value.strip());
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/** Values for the template: never null. */
	public String value(String text) {
		return text == null ? "" : text;
	}
}
