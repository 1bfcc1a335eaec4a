package org.wenming.casework.statistics;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.Cases;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.Region;
import org.wenming.region.RegionProperties;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;

/**
 * Turns the statistics page's and API's query parameters into a {@link StatisticsQuery}, refusing
 * bad input with the field's name (400) and a region or unit outside the reader's scope as not
 * found (404, recorded as a scope violation).
 */
@Component
public class StatisticsFilters {

	/** The longest period one table covers; longer ones are refused rather than scanned. */
	static final int MAX_YEARS = 5;

	static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

	/** The raw parameters, as the page and the API receive them. */
	public record Raw(String region, String category, String unit, String period, String from, String to,
			String month, String quarter, String year) {
	}

	private final Regions regions;

	private final Cases cases;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String cityCode;

	StatisticsFilters(Regions regions, Cases cases, JdbcClient jdbc, Clock clock,
			RegionProperties region) {
		this.regions = regions;
		this.cases = cases;
		this.jdbc = jdbc;
		this.clock = clock;
		this.cityCode = region.city();
	}

	public StatisticsQuery query(Raw raw, DataScope scope) {
		Period period = period(raw, today());
		return new StatisticsQuery(region(raw.region(), scope), category(raw.category()), unit(raw.unit(), scope),
				period.from(), period.to(), period.preset());
	}

	LocalDate today() {
		return clock.instant().atZone(CityTime.ZONE).toLocalDate();
	}

	/** The region chosen, or the reader's own (the city for someone who sees everything). */
	Region region(String code, DataScope scope) {
		if (code == null || code.isEmpty()) {
			String own = scope.isEverything() ? cityCode : scope.regionCode();
			return regions.find(own).orElseThrow(() -> new IllegalStateException("no region " + own));
		}
		if (!code.matches("\\d{2,12}")) {
			throw new InvalidInputException("region", "casework.statistics.region.invalid");
		}
		Region region = regions.find(code)
			.orElseThrow(() -> new InvalidInputException("region", "casework.statistics.region.invalid"));
		if (!scope.covers(region.path())) {
			throw new OutOfScopeException("region", code);
		}
		return region;
	}

	CaseCategory category(String code) {
		if (code == null || code.isEmpty()) {
			return null;
		}
		if (!code.matches("[A-Z][A-Z0-9_]{1,31}")) {
			throw new InvalidInputException("category", "casework.statistics.category.unknown");
		}
		return cases.category(code)
			.orElseThrow(() -> new InvalidInputException("category", "casework.statistics.category.unknown"));
	}

	StatisticsQuery.Unit unit(String id, DataScope scope) {
		if (id == null || id.isEmpty()) {
			return null;
		}
		if (!id.matches("[1-9]\\d{0,17}")) {
			throw new InvalidInputException("unit", "casework.statistics.unit.unknown");
		}
		StatisticsQuery.Unit unit = jdbc.sql("select id, name, region_path from responsible_unit where id = :id")
			.param("id", Long.parseLong(id))
			.query((rs, n) -> new StatisticsQuery.Unit(rs.getLong("id"), rs.getString("name"), rs.getString("region_path")))
			.optional()
			.orElseThrow(() -> new InvalidInputException("unit", "casework.statistics.unit.unknown"));
		if (!scope.covers(unit.regionPath())) {
			throw new OutOfScopeException("responsible unit", id);
		}
		return unit;
	}

	record Period(LocalDate from, LocalDate to, String preset) {
	}

	/**
	 * From and to days; or a month (2026-03), a quarter (2026-Q1) or a year (2026); or a preset
	 * ({@code period=month|quarter|year}: the current one). Nothing: this year so far and to its end.
	 */
	static Period period(Raw raw, LocalDate today) {
		if (present(raw.from()) || present(raw.to())) {
			LocalDate from = date("from", raw.from());
			LocalDate to = date("to", raw.to());
			if (from == null || to == null) {
				throw new InvalidInputException(from == null ? "from" : "to", "casework.statistics.period.both");
			}
			if (to.isBefore(from)) {
				throw new InvalidInputException("to", "casework.statistics.period.order");
			}
			if (to.isAfter(from.plusYears(MAX_YEARS))) {
				throw new InvalidInputException("to", "casework.statistics.period.tooLong");
			}
			return new Period(from, to, "range");
		}
		if (present(raw.month())) {
			YearMonth month = month(raw.month());
			return new Period(month.atDay(1), month.atEndOfMonth(), "month");
		}
		if (present(raw.quarter())) {
			String q = raw.quarter();
			if (!q.matches("\\d{4}-Q[1-4]")) {
				throw new InvalidInputException("quarter", "casework.statistics.quarter.invalid");
			}
			int year = year("quarter", q.substring(0, 4));
			int first = (q.charAt(6) - '1') * 3 + 1;
			LocalDate from = LocalDate.of(year, first, 1);
			return new Period(from, from.plusMonths(3).minusDays(1), "quarter");
		}
		if (present(raw.year())) {
			int year = year("year", raw.year());
			return new Period(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), "year");
		}
		String preset = present(raw.period()) ? raw.period() : "year";
		return switch (preset) {
			case "month" -> new Period(today.withDayOfMonth(1), YearMonth.from(today).atEndOfMonth(), "month");
			case "quarter" -> {
				LocalDate from = LocalDate.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1, 1);
				yield new Period(from, from.plusMonths(3).minusDays(1), "quarter");
			}
			case "year" -> new Period(LocalDate.of(today.getYear(), 1, 1), LocalDate.of(today.getYear(), 12, 31), "year");
			default -> throw new InvalidInputException("period", "casework.statistics.period.preset");
		};
	}

	private static boolean present(String value) {
		return value != null && !value.isEmpty();
	}

	private static LocalDate date(String field, String value) {
		if (!present(value)) {
			return null;
		}
		if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
			throw new InvalidInputException(field, "casework.statistics.date.invalid");
		}
		try {
			LocalDate date = LocalDate.parse(value);
			if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
				throw new InvalidInputException(field, "casework.statistics.date.range");
			}
			return date;
		}
		catch (DateTimeException ex) {
			throw new InvalidInputException(field, "casework.statistics.date.invalid");
		}
	}

	private static YearMonth month(String value) {
		if (!value.matches("\\d{4}-\\d{2}")) {
			throw new InvalidInputException("month", "casework.statistics.month.invalid");
		}
		try {
			YearMonth month = YearMonth.parse(value);
			year("month", String.valueOf(month.getYear()));
			return month;
		}
		catch (DateTimeException ex) {
			throw new InvalidInputException("month", "casework.statistics.month.invalid");
		}
	}

	private static int year(String field, String value) {
		if (!value.matches("\\d{4}") || Integer.parseInt(value) < EARLIEST.getYear()
				|| Integer.parseInt(value) > LATEST.getYear()) {
			throw new InvalidInputException(field, "casework.statistics.date.range");
		}
		return Integer.parseInt(value);
	}
}
