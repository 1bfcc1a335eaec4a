package org.wenming.servicedesk.statistics.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.wenming.platform.TableDocuments;
import org.wenming.region.Region;
import org.wenming.servicedesk.statistics.ServiceDeskStatistics;

/** What the page shows: the report (null when a filter was refused), the filters as typed, the choices. */
public record StatisticsView(ServiceDeskStatistics.Report report, String region, String year, String month,
		Map<String, String> errors, List<Region> regions) {

	public static String rate(BigDecimal rate) {
		return rate == null ? TableDocuments.NO_RATE : rate.toPlainString() + "%";
	}

	public static String number(BigDecimal value) {
		return value == null ? TableDocuments.NO_RATE : value.toPlainString();
	}

	/** The site lines the page lists: the most orders first, at most {@link SiteLines#DEFAULT}. */
	public List<ServiceDeskStatistics.Line> sitesShown() {
		return report.bySite();
	}

	/** Whether some sites are left out of the page's list (the XLSX has them all). */
	public boolean sitesCut() {
		return report.sitesCut();
	}

	public String error(String field) {
		return errors.get(field);
	}
}
