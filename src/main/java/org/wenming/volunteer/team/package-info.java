/**
 * Volunteer teams (志愿服务队伍): the hierarchy 总队 → 支队 → 分队, each team's home region or
 * practice site, its leaders, and membership with its history (apply, approve or decline, remove,
 * leave). {@link org.wenming.volunteer.team.Teams} is the facade; {@link org.wenming.volunteer.team.TeamMemberFilter}
 * is the query other work uses to search volunteers by team.
 */
@org.springframework.modulith.NamedInterface("team")
package org.wenming.volunteer.team;
