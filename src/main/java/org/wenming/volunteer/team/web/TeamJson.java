package org.wenming.volunteer.team.web;

import java.time.OffsetDateTime;
import java.util.List;

import org.wenming.volunteer.team.MemberRow;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamLeader;
import org.wenming.volunteer.team.TeamStatistics;

/** The JSON shapes of teams: public (masked names, no bookkeeping) and for those who manage a team. */
final class TeamJson {

	private TeamJson() {
	}

	/** A team as anyone may see it; {@code leaders}, {@code statistics} and {@code children} only for one team. */
	record Public(long id, String name, Long parentId, String level, String type, String regionCode,
			Long practiceSiteId, String contactName, String contactPhone, String description, String status,
			List<String> leaders, Statistics statistics, List<Ref> children) {

		static Public of(Team team) {
			return new Public(team.id(), team.name(), team.parentId(), team.level().name(), team.type().name(),
					team.regionCode(), team.practiceSiteId(), maskedContact(team), team.contactPhone(),
					team.description(), team.status().name(), null, null, null);
		}

		static Public of(Team team, List<TeamLeader> leaders, TeamStatistics statistics, List<Team> children) {
			return new Public(team.id(), team.name(), team.parentId(), team.level().name(), team.type().name(),
					team.regionCode(), team.practiceSiteId(), maskedContact(team), team.contactPhone(),
					team.description(), team.status().name(), leaders.stream().map(TeamLeader::maskedName).toList(),
					new Statistics(statistics.members(), statistics.joinedThisYear()),
					children.stream().map(c -> new Ref(c.id(), c.name())).toList());
		}

		private static String maskedContact(Team team) {
			return team.contactName() == null ? null : org.wenming.volunteer.team.NameMask.mask(team.contactName());
		}
	}

	record Statistics(long members, long joinedThisYear) {
	}

	record Ref(long id, String name) {
	}

	/** A team as its managers see it, with the version an edit must name. */
	record Staff(long id, String name, Long parentId, String level, String type, String regionCode,
			Long practiceSiteId, String contactName, String contactPhone, String description, String status,
			OffsetDateTime createdAt, OffsetDateTime updatedAt, String updatedBy, int version) {

		static Staff of(Team team) {
			return new Staff(team.id(), team.name(), team.parentId(), team.level().name(), team.type().name(),
					team.regionCode(), team.practiceSiteId(), team.contactName(), team.contactPhone(),
					team.description(), team.status().name(), team.createdAt(), team.updatedAt(), team.updatedBy(),
					team.version());
		}
	}

	record Member(long membershipId, long volunteerId, String volunteerNumber, String name, String status,
			OffsetDateTime appliedAt, OffsetDateTime decidedAt) {

		static Member of(MemberRow row) {
			return new Member(row.membershipId(), row.volunteerId(), row.volunteerNumber(), row.realName(),
					row.status().name(), row.appliedAt(), row.decidedAt());
		}
	}

	record Members(List<Member> applications, List<Member> members) {
	}

	/** What a client submits for a team. Parent, level and region only when creating; version when updating. */
	record Input(Long parentId, String level, String regionCode, String name, String type, Long practiceSiteId,
			String contactName, String contactPhone, String description, String status, Integer version) {
	}

	/** A decision's reason (required for decline and remove). */
	record Decision(String reason) {
	}
}
