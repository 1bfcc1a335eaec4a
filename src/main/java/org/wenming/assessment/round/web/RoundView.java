package org.wenming.assessment.round.web;

import java.util.List;
import java.util.Map;

import org.wenming.assessment.PlaceType;
import org.wenming.assessment.round.DrawCheck;
import org.wenming.assessment.round.Round;
import org.wenming.assessment.round.RoundStatus;
import org.wenming.assessment.round.RoundTeam;
import org.wenming.assessment.round.Rounds;
import org.wenming.assessment.round.SampledPlace;
import org.wenming.assessment.round.Sampling;
import org.wenming.region.Region;

/**
 * A round's page: its facts; for the city office the set-up (teams, the draw, the assignment, opening
 * and closing); for the others the places they may see once it opened.
 *
 * @param sample the places shown: every one for the city office, the visitor's own after opening, none before
 * @param counts places drawn per county and type (city office only)
 * @param problem a refusal to show (already in the reader's language) and the field it is about, or null
 * @param done the message key of what was just done, or null
 * @param check the result of a verification of the draw, or null
 */
public record RoundView(Round round, boolean manages, List<RoundTeam> teams, List<Region> counties,
		List<SampledPlace> sample, Map<String, Map<PlaceType, Integer>> counts, List<Sampling.Shortfall> shortfalls,
		List<Rounds.FrameworkChoice> frameworks, String problem, String problemField, String done, DrawCheck check,
		Map<String, String> values) {

	public List<PlaceType> types() {
		return List.of(PlaceType.values());
	}

	public boolean draft() {
		return round.status() == RoundStatus.DRAFT;
	}

	public boolean drawn() {
		return round.status() == RoundStatus.DRAWN;
	}

	public boolean open() {
		return round.status() == RoundStatus.OPEN;
	}

	/** Teams may be added or removed (before the round opens). */
	public boolean teamsEditable() {
		return manages && (draft() || drawn());
	}

	/** Members may change until the round closes. */
	public boolean membersEditable() {
		return manages && !round.closed();
	}

	public int count(String county, PlaceType type) {
		return counts.getOrDefault(county, Map.of()).getOrDefault(type, 0);
	}

	public int countyTotal(String county) {
		return counts.getOrDefault(county, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
	}

	public long unassigned() {
		return sample.stream().filter(p -> p.teamId() == null).count();
	}

	public boolean problemAt(String field) {
		return problem != null && field.equals(problemField);
	}

	public String value(String field, String otherwise) {
		String v = values.get(field);
		return v != null ? v : otherwise == null ? "" : otherwise;
	}

	public String countyName(String code) {
		return counties.stream().filter(c -> c.code().equals(code)).map(Region::name).findFirst().orElse(code);
	}

	/** A digest in groups of eight, for a line break between them on a phone (64 hex digits overflow 375 px). */
	public List<String> groups(String digest) {
		if (digest == null) {
			return List.of();
		}
		java.util.List<String> groups = new java.util.ArrayList<>();
		for (int i = 0; i < digest.length(); i += 8) {
			groups.add(digest.substring(i, Math.min(digest.length(), i + 8)));
		}
		return groups;
	}
}
