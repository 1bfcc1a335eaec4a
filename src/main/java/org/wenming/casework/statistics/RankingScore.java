package org.wenming.casework.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The red/black list's score and order, a pure rule. Score (0–100) = 40 × completion rate + 40 ×
 * on-time closure rate + 20 × (1 − overdue now ÷ found, at least 0). A rate whose denominator is 0
 * (nothing found, nothing due) counts in full: nothing was left open or late. Only subjects with
 * at least one case found or due in the period are ranked. Ties: fewer overdue, then more found,
 * then the name. With fewer than twice the list size, the ranked subjects are split in halves so
 * that no one is on both lists (an odd one out goes to neither).
 */
final class RankingScore {

	record Scored(CaseStatistics.Line line, BigDecimal score) {
	}

	record Lists(List<Scored> red, List<Scored> black) {
	}

	private RankingScore() {
	}

	static BigDecimal score(Figures f) {
		double completion = f.found() == 0 ? 1 : (double) f.closed() / f.found();
		double onTime = f.due() == 0 ? 1 : (double) f.closedOnTime() / f.due();
		double overdueShare = f.found() == 0 ? (f.overdueNow() > 0 ? 1 : 0)
				: Math.min(1, (double) f.overdueNow() / f.found());
		return BigDecimal.valueOf(40 * completion + 40 * onTime + 20 * (1 - overdueShare)).setScale(1,
				RoundingMode.HALF_UP);
	}

	static Lists lists(List<CaseStatistics.Line> lines, int size) {
		Comparator<Scored> best = Comparator.comparing(Scored::score).reversed()
			.thenComparingLong(s -> s.line().figures().overdueNow())
			.thenComparing(Comparator.comparingLong((Scored s) -> s.line().figures().found()).reversed())
			.thenComparing(s -> s.line().name());
		List<Scored> ranked = new ArrayList<>();
		for (CaseStatistics.Line line : lines) {
			if (line.figures().found() > 0 || line.figures().due() > 0) {
				ranked.add(new Scored(line, score(line.figures())));
			}
		}
		ranked.sort(best);
		int n = Math.min(size, ranked.size() / 2);
		List<Scored> red = List.copyOf(ranked.subList(0, n));
		List<Scored> black = new ArrayList<>(ranked.subList(ranked.size() - n, ranked.size()));
		Collections.reverse(black);
		return new Lists(red, List.copyOf(black));
	}
}
