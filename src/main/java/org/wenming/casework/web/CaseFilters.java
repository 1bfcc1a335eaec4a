package org.wenming.casework.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.Cases;
import org.wenming.casework.internal.CaseQueries;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.QueryParameters;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;

/** A list's filters read from query parameters (pages and API alike); a bad one is refused naming it. */
public record CaseFilters(String status, String category, String region, String unit, String overdue, String source,
		String from, String to, String q) {

	CaseQueries.Filter read(Cases cases, Regions regions) {
		CaseStatus s = blank(status) ? null : Arrays.stream(CaseStatus.values()).filter(v -> v.name().equals(status))
				.findFirst().orElseThrow(() -> new InvalidInputException("status", "casework.filter.status"));
		String c = null;
		if (!blank(category)) {
			c = cases.category(category).map(x -> x.code())
					.orElseThrow(() -> new InvalidInputException("category", "casework.category.unknown"));
		}
		DataScope r = null;
		String code = QueryParameters.regionCode("region", region);
		if (code != null) {
			r = regions.find(code).orElseThrow(() -> new InvalidInputException("region", "casework.filter.region"))
					.scope();
		}
		Long u = null;
		if (!blank(unit)) {
			if (!unit.matches("[1-9]\\d{0,17}")) {
				throw new InvalidInputException("unit", "casework.filter.unit");
			}
			u = Long.parseLong(unit);
		}
		boolean late = false;
		if (!blank(overdue)) {
			if (!overdue.equals("true") && !overdue.equals("false")) {
				throw new InvalidInputException("overdue", "casework.filter.overdue");
			}
			late = overdue.equals("true");
		}
		CaseSource src = blank(source) ? null : Arrays.stream(CaseSource.values()).filter(v -> v.name().equals(source))
				.findFirst().orElseThrow(() -> new InvalidInputException("source", "casework.filter.source"));
		LocalDate f = date("from", from);
		LocalDate t = date("to", to);
		if (f != null && t != null && t.isBefore(f)) {
			throw new InvalidInputException("to", "casework.filter.period");
		}
		return new CaseQueries.Filter(s, c, r, u, late, src, f, t, QueryParameters.searchText("q", q));
	}

	/** The filters as a query string (for pager links), values URL-encoded. */
	public String query() {
		StringBuilder b = new StringBuilder();
		add(b, "status", status);
		add(b, "category", category);
		add(b, "region", region);
		add(b, "unit", unit);
		add(b, "overdue", overdue);
		add(b, "source", source);
		add(b, "from", from);
		add(b, "to", to);
		add(b, "q", q);
		return b.toString();
	}

	private static void add(StringBuilder b, String name, String value) {
		if (!blank(value)) {
			b.append('&').append(name).append('=')
					.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	public static String v(String value) {
		return value == null ? "" : value;
	}

	private static LocalDate date(String field, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			if (value.length() != 10) {
				throw new DateTimeParseException("length", value, 0);
			}
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "casework.filter.date");
		}
	}

	static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
