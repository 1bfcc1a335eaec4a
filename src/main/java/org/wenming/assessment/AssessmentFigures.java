package org.wenming.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.wenming.assessment.score.Scores;
import org.wenming.shared.DataScope;

/**
 * The field assessment's figures for the dashboards (insight): the latest closed round of a city with
 * its score rate and the counties' ranking, and the trend across rounds. Read from the per-place scores
 * ({@code assessment_place_score}), a few thousand rows a round, never the observations.
 */
@Service
public class AssessmentFigures {

	private final Scores scores;

	AssessmentFigures(Scores scores) {
		this.scores = scores;
	}

	/**
	 * The latest closed round of the city whose path is given, with the figures inside the scope.
	 *
	 * @param cityPath the round's region path (the city's, e.g. {@code 44.4412.})
	 * @param scope what the reader may see (a county's staff: their county; the public: everything)
	 */
	public Optional<Latest> latestClosed(String cityPath, DataScope scope) {
		return scores.latestClosed(cityPath).map(round -> new Latest(round, scores.total(round, scope),
				scores.byChildren(round, cityPath, scope), scores.fixedSince(round, scope)));
	}

	/** The latest rounds (closed, and the open one marked provisional), oldest first, the city's line first. */
	public Trend trend(String cityPath, DataScope scope) {
		return scores.trend(cityPath, scope);
	}

	/**
	 * A round as the figures name it.
	 *
	 * @param status DRAFT, DRAWN, OPEN or CLOSED
	 */
	public record Round(long id, String name, String regionCode, String regionPath, long frameworkId,
			LocalDate startsOn, LocalDate endsOn, String status, OffsetDateTime closedAt) {

		/** Figures of a round not yet closed may still change. */
		public boolean provisional() {
			return !"CLOSED".equals(status);
		}

		public boolean open() {
			return "OPEN".equals(status);
		}
	}

	/**
	 * A score rate (得分率 = marks obtained ÷ marks possible) of a region, a place type or a place.
	 *
	 * @param code region code, place type, or place id
	 * @param places sampled places with a score
	 * @param rate percent with one decimal, null when nothing was possible
	 * @param rank 1 = best among its siblings (rate descending, ties by code); 0 when not ranked
	 */
	public record Rate(String code, String name, BigDecimal marks, BigDecimal possible, int places, BigDecimal rate,
			int rank) {
	}

	/**
	 * How many of the previous round's handed-over cases are closed now (整改到位).
	 *
	 * @param previous the round before, null when there is none
	 * @param rate fixed ÷ handed, percent with one decimal; null when nothing was handed over
	 */
	public record FixedSince(Round previous, long handed, long fixed, BigDecimal rate) {

		public long open() {
			return handed - fixed;
		}
	}

	/** @param counties ranked, best first */
	public record Latest(Round round, Rate city, List<Rate> counties, FixedSince fixedSince) {
	}

	/**
	 * Rates across rounds.
	 *
	 * @param rounds oldest first
	 * @param series the city (or the reader's county) first, then each county; each rate lines up with
	 *        {@code rounds} (null where a round has no score there)
	 */
	public record Trend(List<Round> rounds, List<Series> series) {
	}

	public record Series(String code, String name, List<BigDecimal> rates) {
	}
}
