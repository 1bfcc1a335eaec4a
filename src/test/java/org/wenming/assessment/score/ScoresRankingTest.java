package org.wenming.assessment.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wenming.assessment.AssessmentFigures.Rate;
import org.wenming.assessment.Scoring;
import org.wenming.shared.DataScope;

/** The ranking rule and the scope arithmetic, without Spring. */
class ScoresRankingTest {

	private static Rate line(String code, String marks, String possible) {
		BigDecimal m = new BigDecimal(marks);
		BigDecimal p = new BigDecimal(possible);
		return new Rate(code, code, m, p, 1, Scoring.rate(m, p), 0);
	}

	@Test
	void rankedByRateAsShownThenByCodeWithNoRateLast() {
		List<Rate> ranked = Scores.ranked(List.of(line("441204", "70", "100"), line("441203", "0", "0"),
				line("441226", "85.04", "100"), line("441202", "85.01", "100"), line("441224", "90", "100")));
		// 85.04 and 85.01 both show as 85.0: equal, so by code
		assertThat(ranked).extracting(Rate::code).containsExactly("441224", "441202", "441226", "441204", "441203");
		assertThat(ranked).extracting(Rate::rank).containsExactly(1, 2, 3, 4, 5);
		assertThat(ranked.get(4).rate()).isNull();
	}

	@Test
	void theTotalOfChildrenIsTheRateOfTheirSums() {
		Rate total = Scores.sum("4412", "city", List.of(line("441202", "30", "40"), line("441203", "10", "60")));
		assertThat(total.marks()).isEqualByComparingTo("40");
		assertThat(total.possible()).isEqualByComparingTo("100");
		assertThat(total.rate()).isEqualByComparingTo("40.0");
		assertThat(total.places()).isEqualTo(2);
	}

	@Test
	void aScopeNarrowsToTheDeeperOfTwoSubtreesAndToNothingWhenApart() {
		DataScope city = new DataScope("4412", "44.4412.");
		DataScope county = new DataScope("441202", "44.4412.441202.");
		assertThat(Scores.narrow(city, "44.4412.441203.").path()).isEqualTo("44.4412.441203.");
		assertThat(Scores.narrow(county, "44.4412.")).isEqualTo(county);
		assertThat(Scores.narrow(county, "44.4412.441203.")).isNull();
		assertThat(Scores.narrow(DataScope.EVERYTHING, "44.4412.").path()).isEqualTo("44.4412.");
	}
}
