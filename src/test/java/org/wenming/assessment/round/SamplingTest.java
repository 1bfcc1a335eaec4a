package org.wenming.assessment.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.wenming.assessment.PlaceType;
import org.wenming.assessment.round.Sampling.Candidate;
import org.wenming.assessment.round.Sampling.Drawn;
import org.wenming.assessment.round.Sampling.Sample;
import org.wenming.assessment.round.Sampling.Team;

/** The draw and the assignment across counties, without Spring or a database. */
class SamplingTest {

	static final List<String> COUNTIES = List.of("441202", "441203", "441204", "441223", "441224", "441225", "441226",
			"441284");

	/** Every county with 5 candidates of each type, except 封开 with a single market and no station at all. */
	static List<Candidate> candidates() {
		List<Candidate> list = new ArrayList<>();
		long id = 1000;
		for (String county : COUNTIES) {
			for (PlaceType type : PlaceType.values()) {
				int n = 5;
				if (county.equals("441225") && type == PlaceType.MARKET) {
					n = 1;
				}
				if (county.equals("441225") && type == PlaceType.STATION) {
					n = 0;
				}
				for (int i = 0; i < n; i++) {
					list.add(new Candidate(id++, county, type));
				}
			}
		}
		return list;
	}

	@Test
	void theSameSeedGivesTheSameSampleWhateverTheOrderOfTheCandidates() {
		List<Candidate> candidates = candidates();
		Sample first = Sampling.draw(20261101L, 2, candidates, COUNTIES);
		List<Candidate> shuffled = new ArrayList<>(candidates);
		Collections.shuffle(shuffled, new java.util.Random(1));
		Sample again = Sampling.draw(20261101L, 2, shuffled, COUNTIES);
		assertThat(again.drawn()).isEqualTo(first.drawn());
		assertThat(again.digest()).isEqualTo(first.digest()).hasSize(64);
		assertThat(Sampling.digest(first.drawn().stream().map(Drawn::placeId).toList())).isEqualTo(first.digest());
		assertThat(Sampling.candidatesDigest(shuffled)).isEqualTo(Sampling.candidatesDigest(candidates));
	}

	@Test
	void anotherSeedGivesAnotherSample() {
		Sample a = Sampling.draw(1L, 2, candidates(), COUNTIES);
		Sample b = Sampling.draw(2L, 2, candidates(), COUNTIES);
		assertThat(b.digest()).isNotEqualTo(a.digest());
		assertThat(ids(b)).isNotEqualTo(ids(a));
		// and the seeds spread: over 50 seeds, every one of a group's 5 candidates is drawn at some point
		Set<Long> seen = new HashSet<>();
		for (long seed = 0; seed < 50; seed++) {
			Sampling.draw(seed, 1, candidates(), COUNTIES).drawn().stream()
					.filter(d -> d.countyCode().equals("441202") && d.type() == PlaceType.MARKET)
					.forEach(d -> seen.add(d.placeId()));
		}
		assertThat(seen).hasSize(5);
	}

	@Test
	void everyCountyAndTypeGetsItsQuotaOrAllItsCandidatesAndTheShortfallIsSaid() {
		List<Candidate> candidates = candidates();
		Sample sample = Sampling.draw(7L, 3, candidates, COUNTIES);
		Map<String, Long> perGroup = sample.drawn().stream()
				.collect(Collectors.groupingBy(d -> d.countyCode() + ":" + d.type(), Collectors.counting()));
		for (String county : COUNTIES) {
			for (PlaceType type : PlaceType.values()) {
				long expected = county.equals("441225") && type == PlaceType.MARKET ? 1
						: county.equals("441225") && type == PlaceType.STATION ? 0 : 3;
				assertThat(perGroup.getOrDefault(county + ":" + type, 0L)).as(county + " " + type).isEqualTo(expected);
			}
		}
		assertThat(sample.drawn()).hasSize(8 * 14 * 3 - 2 - 3);
		assertThat(sample.shortfalls()).containsExactlyInAnyOrder(
				new Sampling.Shortfall("441225", PlaceType.MARKET, 1, 3),
				new Sampling.Shortfall("441225", PlaceType.STATION, 0, 3));
		// drawn places are distinct candidates of their own group, in order
		Map<Long, Candidate> byId = new HashMap<>();
		candidates.forEach(c -> byId.put(c.placeId(), c));
		assertThat(sample.drawn().stream().map(Drawn::placeId).distinct().count()).isEqualTo(sample.drawn().size());
		for (int i = 0; i < sample.drawn().size(); i++) {
			Drawn d = sample.drawn().get(i);
			assertThat(d.order()).isEqualTo(i);
			assertThat(byId.get(d.placeId()).countyCode()).isEqualTo(d.countyCode());
			assertThat(byId.get(d.placeId()).type()).isEqualTo(d.type());
		}
	}

	@Test
	void aPlaceAddedInOneCountyLeavesTheOtherCountiesDrawAsItWas() {
		List<Candidate> candidates = candidates();
		Sample before = Sampling.draw(99L, 2, candidates, COUNTIES);
		List<Candidate> more = new ArrayList<>(candidates);
		more.add(new Candidate(1, "441202", PlaceType.MARKET));
		Sample after = Sampling.draw(99L, 2, more, COUNTIES);
		assertThat(after.drawn().stream().filter(d -> !d.countyCode().equals("441202")).map(Drawn::placeId).toList())
				.isEqualTo(before.drawn().stream().filter(d -> !d.countyCode().equals("441202")).map(Drawn::placeId).toList());
	}

	@Test
	void noTeamIsEverGivenItsOwnCountyAndTheLoadIsBalanced() {
		for (long seed = 0; seed < 40; seed++) {
			Sample sample = Sampling.draw(seed, 2, candidates(), COUNTIES);
			List<Team> teams = new ArrayList<>();
			for (int i = 0; i < COUNTIES.size(); i++) {
				teams.add(new Team(100 + i, COUNTIES.get(i)));
			}
			Map<Long, Long> assigned = Sampling.assign(sample.drawn(), teams, seed);
			assertThat(assigned).hasSize(sample.drawn().size());
			Map<Long, String> home = new HashMap<>();
			teams.forEach(t -> home.put(t.id(), t.homeCounty()));
			for (Drawn d : sample.drawn()) {
				assertThat(home.get(assigned.get(d.placeId()))).as("seed " + seed + ", place " + d.placeId())
						.isNotEqualTo(d.countyCode());
			}
			Map<Long, Long> load = assigned.values().stream()
					.collect(Collectors.groupingBy(t -> t, Collectors.counting()));
			int share = (sample.drawn().size() + teams.size() - 1) / teams.size();
			assertThat(load).as("every team works").hasSize(teams.size());
			assertThat(load.values()).allMatch(n -> n <= share);
		}
	}

	@Test
	void aCountyGoesToOneTeamWhenSharesAllowAndThePairingTurnsWithTheSeed() {
		Sample sample = Sampling.draw(5L, 2, candidates().stream().filter(c -> !c.countyCode().equals("441225")).toList(),
				COUNTIES.stream().filter(c -> !c.equals("441225")).toList());
		List<Team> teams = new ArrayList<>();
		List<String> seven = COUNTIES.stream().filter(c -> !c.equals("441225")).toList();
		for (int i = 0; i < seven.size(); i++) {
			teams.add(new Team(100 + i, seven.get(i)));
		}
		Set<Map<String, Set<Long>>> pairings = new HashSet<>();
		for (long seed = 0; seed < 7; seed++) {
			Map<Long, Long> assigned = Sampling.assign(sample.drawn(), teams, seed);
			Map<String, Set<Long>> teamsByCounty = new HashMap<>();
			sample.drawn().forEach(d -> teamsByCounty.computeIfAbsent(d.countyCode(), k -> new HashSet<>())
					.add(assigned.get(d.placeId())));
			assertThat(teamsByCounty.values()).allMatch(s -> s.size() == 1);
			pairings.add(teamsByCounty);
		}
		assertThat(pairings).hasSizeGreaterThan(1);
	}

	@Test
	void aCityOfficeTeamMayTakeAnyCountyButACountyWithOnlyItsOwnTeamIsRefused() {
		Sample sample = Sampling.draw(3L, 1, candidates().stream()
				.filter(c -> c.countyCode().equals("441202") || c.countyCode().equals("441203")).toList(),
				List.of("441202", "441203"));
		Map<Long, Long> assigned = Sampling.assign(sample.drawn(), List.of(new Team(1, null)), 3L);
		assertThat(new HashSet<>(assigned.values())).containsExactly(1L);
		assertThatThrownBy(() -> Sampling.assign(sample.drawn(), List.of(new Team(2, "441202")), 3L))
				.isInstanceOfSatisfying(Sampling.Unassignable.class, ex -> assertThat(ex.countyCode()).isEqualTo("441202"));
		assertThatThrownBy(() -> Sampling.assign(sample.drawn(), List.of(), 3L))
				.isInstanceOfSatisfying(Sampling.Unassignable.class, ex -> assertThat(ex.countyCode()).isNull());
		// two teams, each of one of the two counties: they swap
		Map<Long, Long> swapped = Sampling.assign(sample.drawn(),
				List.of(new Team(10, "441202"), new Team(20, "441203")), 3L);
		sample.drawn().forEach(d -> assertThat(swapped.get(d.placeId())).isEqualTo(d.countyCode().equals("441202") ? 20L : 10L));
	}

	private static List<Long> ids(Sample s) {
		return s.drawn().stream().map(Drawn::placeId).toList();
	}
}
