package org.wenming.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.platform.ReplicaReads;

/**
 * Reads aggregate cells by key (region code, then month range): never the raw records. A region's
 * figures for a year are a few hundred rows whatever the size of the city. Lag-tolerant
 * ({@link ReplicaReads}): the dashboard and the cockpit show figures a few seconds old anyway.
 */
@Component
class Cells {

	private final JdbcClient jdbc;

	Cells(@ReplicaReads JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** metric → dim → value, one map per region code, for months in [from, to). */
	Map<String, Map<Metric, Map<String, BigDecimal>>> period(Collection<String> regionCodes, LocalDate from,
			LocalDate to) {
		Map<String, Map<Metric, Map<String, BigDecimal>>> result = new HashMap<>();
		if (regionCodes.isEmpty()) {
			return result;
		}
		jdbc.sql("""
				select region_code, metric, dim, sum(value) from insight_cell
				where region_code in (:codes) and month >= :from and month < :to group by 1, 2, 3""")
			.param("codes", regionCodes).param("from", from).param("to", to)
			.query((rs, n) -> result.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
				.computeIfAbsent(Metric.valueOf(rs.getString(2)), k -> new TreeMap<>())
				.put(rs.getString(3), rs.getBigDecimal(4)))
			.list();
		return result;
	}

	/** Every metric of the region summed over all months and dimensions (the running totals). */
	Map<Metric, BigDecimal> totals(String regionCode, List<Metric> metrics) {
		Map<Metric, BigDecimal> result = new HashMap<>();
		jdbc.sql("select metric, sum(value) from insight_cell where metric in (:metrics) and region_code = :r group by 1")
			.param("metrics", metrics.stream().map(Metric::name).toList()).param("r", regionCode)
			.query((rs, n) -> result.put(Metric.valueOf(rs.getString(1)), rs.getBigDecimal(2))).list();
		return result;
	}

	/** Running totals (all months, dimensions summed) of several regions: code → metric → value. */
	Map<String, Map<Metric, BigDecimal>> totals(Collection<String> regionCodes, List<Metric> metrics) {
		Map<String, Map<Metric, BigDecimal>> result = new HashMap<>();
		if (regionCodes.isEmpty()) {
			return result;
		}
		jdbc.sql("""
				select region_code, metric, sum(value) from insight_cell
				where metric in (:metrics) and region_code in (:codes) group by 1, 2""")
			.param("metrics", metrics.stream().map(Metric::name).toList()).param("codes", regionCodes)
			.query((rs, n) -> result.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
				.put(Metric.valueOf(rs.getString(2)), rs.getBigDecimal(3)))
			.list();
		return result;
	}

	/** site → metric → value for months in [from, to). */
	Map<Long, Map<String, BigDecimal>> sites(Collection<Long> siteIds, LocalDate from, LocalDate to) {
		Map<Long, Map<String, BigDecimal>> result = new HashMap<>();
		if (siteIds.isEmpty()) {
			return result;
		}
		jdbc.sql("""
				select site_id, metric, sum(value) from insight_site_cell
				where site_id in (:sites) and month >= :from and month < :to group by 1, 2""")
			.param("sites", siteIds).param("from", from).param("to", to)
			.query((rs, n) -> result.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2),
					rs.getBigDecimal(3)))
			.list();
		return result;
	}

	/** month → metric → value (dimensions summed), for months in [from, to). */
	Map<LocalDate, Map<Metric, BigDecimal>> months(String regionCode, LocalDate from, LocalDate to) {
		Map<LocalDate, Map<Metric, BigDecimal>> result = new TreeMap<>();
		jdbc.sql("""
				select month, metric, sum(value) from insight_cell
				where region_code = :r and month >= :from and month < :to group by 1, 2""")
			.param("r", regionCode).param("from", from).param("to", to)
			.query((rs, n) -> result.computeIfAbsent(rs.getObject(1, LocalDate.class), k -> new HashMap<>())
				.put(Metric.valueOf(rs.getString(2)), rs.getBigDecimal(3)))
			.list();
		return result;
	}

	/** The first month with any figure of the region. */
	Optional<LocalDate> firstMonth(String regionCode) {
		return jdbc.sql("select month from insight_cell where region_code = :r order by month limit 1")
			.param("r", regionCode).query(LocalDate.class).optional();
	}

	static BigDecimal sum(Map<String, BigDecimal> byDim) {
		return byDim == null ? BigDecimal.ZERO : byDim.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	static BigDecimal get(Map<Metric, Map<String, BigDecimal>> figures, Metric metric, String dim) {
		if (figures == null || figures.get(metric) == null) {
			return BigDecimal.ZERO;
		}
		return figures.get(metric).getOrDefault(dim, BigDecimal.ZERO);
	}

	static BigDecimal sum(Map<Metric, Map<String, BigDecimal>> figures, Metric metric) {
		return figures == null ? BigDecimal.ZERO : sum(figures.get(metric));
	}
}
