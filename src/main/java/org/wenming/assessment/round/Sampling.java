package org.wenming.assessment.round;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.wenming.assessment.PlaceType;

/**
 * The draw and the assignment of a round, as pure functions (no Spring, no database), so that anyone
 * holding the seed and the candidates can redraw the sample and check it.
 *
 * <p><b>The draw.</b> Candidates are grouped by county (by code) and place type (in {@link PlaceType}'s
 * order), each group in place-id order. Each group draws with its own {@link SplittableRandom}, seeded
 * with the round's seed mixed with the group's name ({@link #groupSeed}), so that a place added in one
 * county does not change another county's draw: the first {@code quota} steps of a Fisher–Yates shuffle
 * pick the places, in the order drawn. A group with fewer candidates than the quota gives them all.
 * The sample's digest is SHA-256 over the drawn ids, one decimal per line, group after group.
 *
 * <p><b>The assignment (交叉测评).</b> A team never inspects its home county. Each county's places go,
 * as far as balance allows, to one team (a team travels to a county, not to scattered places): the
 * county keeps the team it started with until that team reaches its share (total ÷ teams, rounded up),
 * then the next. A new team for a county is chosen first among the county teams whose own county is
 * still to be handed out (left for last, such a team could find nothing but its own county), then by
 * the lightest load, then by a rotation that the seed turns, so the pairing of counties changes from
 * round to round. The city office's teams (no home county) may take any county.
 */
public final class Sampling {

	private static final HexFormat HEX = HexFormat.of();

	private Sampling() {
	}

	/** A place that may be drawn. */
	public record Candidate(long placeId, String countyCode, PlaceType type) {
	}

	/** A drawn place: its group and its position in the draw (0-based, over the whole sample). */
	public record Drawn(long placeId, String countyCode, PlaceType type, int order) {
	}

	/** A group that had fewer candidates than the quota and gave them all. */
	public record Shortfall(String countyCode, PlaceType type, int candidates, int quota) {
	}

	/** The sample, its digest, and the groups that could not fill their quota. */
	public record Sample(List<Drawn> drawn, String digest, List<Shortfall> shortfalls) {
	}

	/** A team: its id and home county (null for the city office's own inspectors). */
	public record Team(long id, String homeCounty) {
	}

	/** Refused: the sample cannot be assigned without a team inspecting its own county. */
	public static final class Unassignable extends RuntimeException {

		private final String countyCode;

		public Unassignable(String countyCode) {
			super("no team may inspect county " + countyCode + ": every team is its own, or there is none");
			this.countyCode = countyCode;
		}

		/** The county whose places no team may take; null when there are no teams at all. */
		public String countyCode() {
			return countyCode;
		}
	}

	/**
	 * Draws {@code quota} places per county and type.
	 *
	 * @param candidates the active places, in any order (they are put in canonical order here)
	 * @param counties every county of the city, so that a county × type with no candidate at all is reported too;
	 *     counties with candidates but not listed are drawn as well
	 */
	public static Sample draw(long seed, int quota, List<Candidate> candidates, List<String> counties) {
		if (quota < 1) {
			throw new IllegalArgumentException("quota must be at least 1");
		}
		Map<String, Map<PlaceType, List<Long>>> groups = new TreeMap<>();
		counties.forEach(c -> groups.computeIfAbsent(c, k -> new TreeMap<>()));
		for (Candidate c : candidates) {
			groups.computeIfAbsent(c.countyCode(), k -> new TreeMap<>())
					.computeIfAbsent(c.type(), k -> new ArrayList<>()).add(c.placeId());
		}
		List<Drawn> drawn = new ArrayList<>();
		List<Shortfall> shortfalls = new ArrayList<>();
		for (var county : groups.entrySet()) {
			for (PlaceType type : PlaceType.values()) {
				List<Long> ids = county.getValue().getOrDefault(type, new ArrayList<>());
				long[] pool = ids.stream().mapToLong(Long::longValue).sorted().toArray();
				int take = Math.min(quota, pool.length);
				if (take < quota) {
					shortfalls.add(new Shortfall(county.getKey(), type, pool.length, quota));
				}
				SplittableRandom random = new SplittableRandom(groupSeed(seed, county.getKey(), type));
				for (int i = 0; i < take; i++) {
					int j = i + random.nextInt(pool.length - i);
					long picked = pool[j];
					pool[j] = pool[i];
					pool[i] = picked;
					drawn.add(new Drawn(picked, county.getKey(), type, drawn.size()));
				}
			}
		}
		return new Sample(List.copyOf(drawn), digest(drawn.stream().map(Drawn::placeId).toList()), List.copyOf(shortfalls));
	}

	/** The seed of one group's stream: the round's seed mixed with SHA-256 of "county:TYPE". */
	static long groupSeed(long seed, String county, PlaceType type) {
		byte[] hash = sha256((county + ":" + type.name()).getBytes(StandardCharsets.UTF_8));
		long mix = 0;
		for (int i = 0; i < 8; i++) {
			mix = (mix << 8) | (hash[i] & 0xff);
		}
		return seed ^ mix;
	}

	/** SHA-256 over the ids in order, one decimal per line. */
	public static String digest(List<Long> ids) {
		StringBuilder text = new StringBuilder(ids.size() * 8);
		ids.forEach(id -> text.append(id).append('\n'));
		return HEX.formatHex(sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/** SHA-256 over the candidates in place-id order, "id:county:TYPE" one per line. */
	public static String candidatesDigest(List<Candidate> candidates) {
		StringBuilder text = new StringBuilder(candidates.size() * 24);
		candidates.stream().sorted(Comparator.comparingLong(Candidate::placeId))
				.forEach(c -> text.append(c.placeId()).append(':').append(c.countyCode()).append(':')
						.append(c.type().name()).append('\n'));
		return HEX.formatHex(sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Assigns every drawn place to a team not from its county.
	 *
	 * @return the team of each place, by place id, in the sample's order
	 * @throws Unassignable when a county's places can go to no team
	 */
	public static Map<Long, Long> assign(List<Drawn> sample, List<Team> teams, long seed) {
		Map<Long, Long> assigned = new LinkedHashMap<>();
		if (sample.isEmpty()) {
			return assigned;
		}
		if (teams.isEmpty()) {
			throw new Unassignable(null);
		}
		List<Team> rotation = new ArrayList<>(teams);
		rotation.sort(Comparator.comparingLong(Team::id));
		int offset = (int) Math.floorMod(seed, (long) rotation.size());
		java.util.Collections.rotate(rotation, -offset);
		Map<Long, Integer> rank = new java.util.HashMap<>();
		for (int i = 0; i < rotation.size(); i++) {
			rank.put(rotation.get(i).id(), i);
		}
		Map<String, List<Drawn>> byCounty = new TreeMap<>();
		sample.forEach(d -> byCounty.computeIfAbsent(d.countyCode(), k -> new ArrayList<>()).add(d));
		for (String county : byCounty.keySet()) {
			if (rotation.stream().allMatch(t -> county.equals(t.homeCounty()))) {
				throw new Unassignable(county);
			}
		}
		int share = (sample.size() + teams.size() - 1) / teams.size();
		Map<Long, Integer> load = new java.util.HashMap<>();
		java.util.Set<String> pending = new java.util.HashSet<>(byCounty.keySet());
		for (var entry : byCounty.entrySet()) {
			String county = entry.getKey();
			Team current = null;
			for (Drawn d : entry.getValue()) {
				if (current == null || load.getOrDefault(current.id(), 0) >= share) {
					Team previous = current;
					current = rotation.stream().filter(t -> !county.equals(t.homeCounty()))
							.filter(t -> previous == null || t.id() != previous.id())
							.min(Comparator.<Team>comparingInt(t -> load.getOrDefault(t.id(), 0) >= share ? 1 : 0)
									.thenComparingInt(t -> t.homeCounty() != null && pending.contains(t.homeCounty())
											&& !t.homeCounty().equals(county) ? 0 : 1)
									.thenComparingInt(t -> load.getOrDefault(t.id(), 0))
									.thenComparingInt(t -> rank.get(t.id())))
							.orElse(previous);
				}
				assigned.put(d.placeId(), current.id());
				load.merge(current.id(), 1, Integer::sum);
			}
			pending.remove(county);
		}
		return assigned;
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
