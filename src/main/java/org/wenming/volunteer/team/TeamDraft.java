package org.wenming.volunteer.team;

/**
 * What staff or a leader submit for a team. Parent, level and region count only when a team is
 * created: a team stays where it was set up, which also keeps the hierarchy free of cycles.
 */
public record TeamDraft(Long parentId, TeamLevel level, String regionCode, String name, TeamType type,
		Long practiceSiteId, String contactName, String contactPhone, String description, TeamStatus status) {

	/** The same draft with every text trimmed and blank texts turned into none. */
	public TeamDraft trimmed() {
		return new TeamDraft(parentId, level, trim(regionCode), trim(name), type, practiceSiteId, trim(contactName),
				trim(contactPhone), trim(description), status);
	}

	private static String trim(String text) {
		if (text == null) {
			return null;
		}
		String trimmed = text.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}
}
