package org.wenming.insight.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.wenming.insight.Metric;

/**
 * Additive changes to the aggregate cells, written in one statement: each delta is added at every
 * level of its region path (province, city, county, town, village) with {@code insert … on conflict
 * do update set value = value + excluded.value}, so concurrent writers never lose a count. Rows are
 * upserted in key order, so two writers touching the same cells lock them in the same order and
 * cannot deadlock.
 */
final class CellDeltas {

	static final String UPSERT = """
			insert into insight_cell (metric, region_code, month, dim, value)
			select t.metric, code, t.month, t.dim, sum(t.value)
			from unnest(cast(? as text[]), cast(? as text[]), cast(? as date[]), cast(? as text[]), cast(? as numeric[]))
			    as t (metric, path, month, dim, value)
			    cross join lateral unnest(string_to_array(rtrim(t.path, '.'), '.')) as code
			group by t.metric, code, t.month, t.dim
			order by t.metric, code, t.month, t.dim
			on conflict (metric, region_code, month, dim) do update set value = insight_cell.value + excluded.value""";

	private final List<String> metrics = new ArrayList<>();

	private final List<String> paths = new ArrayList<>();

	private final List<Date> months = new ArrayList<>();

	private final List<String> dims = new ArrayList<>();

	private final List<BigDecimal> values = new ArrayList<>();

	CellDeltas add(Metric metric, String regionPath, LocalDate month, String dim, BigDecimal value) {
		if (value.signum() != 0) {
			metrics.add(metric.name());
			paths.add(regionPath);
			months.add(Date.valueOf(month));
			dims.add(dim == null ? "" : dim);
			values.add(value);
		}
		return this;
	}

	CellDeltas add(Metric metric, String regionPath, LocalDate month, String dim, long value) {
		return add(metric, regionPath, month, dim, BigDecimal.valueOf(value));
	}

	boolean isEmpty() {
		return metrics.isEmpty();
	}

	void write(JdbcTemplate template) {
		if (isEmpty()) {
			return;
		}
		template.update(connection -> {
			var statement = connection.prepareStatement(UPSERT);
			statement.setArray(1, connection.createArrayOf("text", metrics.toArray()));
			statement.setArray(2, connection.createArrayOf("text", paths.toArray()));
			statement.setArray(3, connection.createArrayOf("date", months.toArray()));
			statement.setArray(4, connection.createArrayOf("text", dims.toArray()));
			statement.setArray(5, connection.createArrayOf("numeric", values.toArray()));
			return statement;
		});
	}
}
