package org.wenming.casework.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The red/black list rule on its own: the score, the tie-breaks, and no one on both lists. */
class RankingScoreTest {

	private static CaseStatistics.Line line(String name, long found, long closed, long due, long onTime, long overdue) {
		return new CaseStatistics.Line(name, name, null, CaseStatistics.Kind.UNIT,
				new Figures(found, found, closed, due, onTime, 0, 0, overdue, 0));
	}

	@Test
	void theScoreWeighsCompletionOnTimeAndOverdue() {
		assertThat(RankingScore.score(line("a", 10, 10, 10, 10, 0).figures())).isEqualByComparingTo("100");
		assertThat(RankingScore.score(line("b", 10, 5, 10, 5, 0).figures())).isEqualByComparingTo("60");
		assertThat(RankingScore.score(line("c", 10, 5, 4, 1, 5).figures())).isEqualByComparingTo("40");
		assertThat(RankingScore.score(line("d", 10, 0, 10, 0, 20).figures())).isEqualByComparingTo("0");
		// nothing due: the on-time part counts in full
		assertThat(RankingScore.score(line("e", 4, 2, 0, 0, 0).figures())).isEqualByComparingTo("80");
	}

	@Test
	void tiesGoToFewerOverdueThenMoreFoundThenTheName() {
		// all score 100: 丙 found most; 乙 and 甲 tie on found and go by name; 丁 found least
		var lists = RankingScore.lists(List.of(line("乙", 10, 10, 0, 0, 0), line("甲", 10, 10, 0, 0, 0),
				line("丙", 20, 20, 0, 0, 0), line("丁", 5, 5, 5, 5, 0)), 2);
		assertThat(lists.red()).extracting(s -> s.line().name()).containsExactly("丙", "乙");
		assertThat(lists.black()).extracting(s -> s.line().name()).containsExactly("丁", "甲");
	}

	@Test
	void fewSubjectsAreSplitSoNoOneIsOnBothListsAndNothingFoundIsNotRanked() {
		var lists = RankingScore.lists(List.of(line("a", 10, 10, 10, 10, 0), line("b", 10, 0, 10, 0, 3),
				line("c", 10, 5, 10, 5, 0), line("none", 0, 0, 0, 0, 0)), 5);
		assertThat(lists.red()).extracting(s -> s.line().name()).containsExactly("a");
		assertThat(lists.black()).extracting(s -> s.line().name()).containsExactly("b");
		assertThat(RankingScore.lists(List.of(line("alone", 1, 1, 0, 0, 0)), 5).red()).isEmpty();
	}
}
