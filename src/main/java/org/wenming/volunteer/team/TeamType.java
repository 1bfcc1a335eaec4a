package org.wenming.volunteer.team;

import java.util.Optional;

/** What kind of team it is. */
public enum TeamType {

	/** 文明实践队伍 */
	PRACTICE,
	/** 专业队伍 */
	PROFESSIONAL,
	/** 青年志愿队伍 */
	YOUTH,
	/** 企业志愿队伍 */
	ENTERPRISE,
	/** 社区志愿队伍 */
	COMMUNITY,
	/** 其他 */
	OTHER;

	public String messageKey() {
		return "team.type." + name();
	}

	public static Optional<TeamType> parse(String text) {
		for (TeamType type : values()) {
			if (type.name().equals(text)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}
}
