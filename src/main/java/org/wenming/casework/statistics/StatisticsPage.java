package org.wenming.casework.statistics;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenming.casework.CaseCategory;
import org.wenming.region.Region;
import org.wenming.platform.TableDocuments;

/**
 * What the statistics page shows: the report (absent when the filters were refused), the filters
 * as typed, the errors by field, the choices of the selects, the way back up the region tree, and
 * links that keep the filters while changing one thing.
 */
public record StatisticsPage(CaseStatistics.Report report, StatisticsFilters.Raw raw, Map<String, String> errors,
		List<CaseCategory> categories, List<StatisticsQuery.Unit> units, List<Region> breadcrumb,
		boolean mayPublishRanking, String rankingFrom, String rankingTo) {

	public boolean hasError(String field) {
		return errors.containsKey(field);
	}

	public String error(String field) {
		return errors.getOrDefault(field, "");
	}

	public String value(String value) {
		return value == null ? "" : value;
	}

	/** The percentage as people read it, or "—" when there was nothing to divide by. */
	public static String rate(BigDecimal percent) {
		return percent == null ? TableDocuments.NO_RATE : percent.toPlainString() + "%";
	}

	public static String days(BigDecimal days) {
		return days == null ? TableDocuments.NO_RATE : days.toPlainString();
	}

	public boolean selectedCategory(String code) {
		return code.equals(raw.category());
	}

	public boolean selectedUnit(long id) {
		return String.valueOf(id).equals(raw.unit());
	}

	public boolean selectedPreset(String preset) {
		return report != null && preset.equals(report.query().preset());
	}

	/** This page for another region, the other filters kept. */
	public String regionLink(String code) {
		return "/admin/casework/statistics" + query(code);
	}

	/** A download of the current figures: {@code xlsx} or {@code pdf}, all tables or one. */
	public String download(String format, String table) {
		String q = query(report == null ? raw.region() : report.query().region().code());
		String tableParam = table == null ? "" : (q.isEmpty() ? "?" : "&") + "table=" + table;
		return "/admin/casework/statistics." + format + q + tableParam;
	}

	private String query(String region) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("region", region);
		params.put("category", raw.category());
		params.put("unit", raw.unit());
		if (report != null) {
			params.put("from", report.query().from().toString());
			params.put("to", report.query().to().toString());
		}
		StringBuilder q = new StringBuilder();
		params.forEach((k, v) -> {
			if (v != null && !v.isEmpty()) {
				q.append(q.isEmpty() ? '?' : '&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
			}
		});
		return q.toString();
	}
}
