package org.wenming.volunteer.team;

import java.util.Optional;

/** Where a team sits in the hierarchy; a child team is always exactly one level below its parent. */
public enum TeamLevel {

	/** 总队 */
	CORPS,
	/** 支队 */
	BRANCH,
	/** 分队 */
	SQUAD;

	/** The level a child of a team of this level has; none below a squad. */
	public Optional<TeamLevel> childLevel() {
		return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
	}

	public String messageKey() {
		return "team.level." + name();
	}

	public static Optional<TeamLevel> parse(String text) {
		for (TeamLevel level : values()) {
			if (level.name().equals(text)) {
				return Optional.of(level);
			}
		}
		return Optional.empty();
	}
}
