package org.wenming.servicedesk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.wenming.region.Region;
import org.wenming.servicedesk.statistics.ServiceDeskStatistics;
import org.wenming.servicedesk.statistics.ServiceFigures;
import org.wenming.servicedesk.statistics.StatisticsQuery;

/**
 * The service desk's figures for the dashboards (insight), as {@code AssessmentFigures} is for the field
 * assessment: the orders of a region's villages and communities in a period, those served, the
 * satisfaction of the rated orders beside the rating rate (orders never rated are never counted as
 * satisfied), and the same by county. Aggregates only: no order, no person. The public dashboard asks for
 * the city or a county; the cockpit for the region shown, which lies inside the staff member's scope.
 */
@Service
public class ServiceDeskFigures {

	private final ServiceDeskStatistics statistics;

	ServiceDeskFigures(ServiceDeskStatistics statistics) {
		this.statistics = statistics;
	}

	/**
	 * The figures of a region (its subtree) for a period of whole Asia/Shanghai days.
	 */
	public Figures figures(Region region, LocalDate from, LocalDate to) {
		ServiceDeskStatistics.Report report = statistics.report(new StatisticsQuery(region, from, to), Locale.ROOT, false, 0);
		return new Figures(of(region.code(), region.name(), report.total()), from, to,
				report.byCounty().stream().map(l -> of(l.key(), l.name(), l.figures())).toList());
	}

	/** The figures of a calendar year. */
	public Figures year(Region region, int year) {
		return figures(region, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
	}

	private static Line of(String code, String name, ServiceFigures f) {
		return new Line(code, name, f.orders(), f.served(), f.completionRate(), f.rated(), f.meanStars(),
				f.satisfactionRate(), f.ratingRate());
	}

	/**
	 * @param completionRate served ÷ dispatched, percent; null when nothing was dispatched
	 * @param meanStars of the rated only; null when none was rated
	 * @param satisfactionRate share of 4–5 stars among the rated only, percent; null when none was rated
	 * @param ratingRate rated ÷ served (waiting, rated and not rated), percent; null when none was served
	 */
	public record Line(String code, String name, long orders, long served, BigDecimal completionRate, long rated,
			BigDecimal meanStars, BigDecimal satisfactionRate, BigDecimal ratingRate) {
	}

	/** The region's line and its counties' (by code). */
	public record Figures(Line region, LocalDate from, LocalDate to, List<Line> counties) {
	}
}
