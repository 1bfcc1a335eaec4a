package org.wenming.casework.statistics;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.wenming.casework.CaseStatisticsCells;
import org.wenming.shared.CityTime;

/**
 * Keeps {@code case_statistics_cell} (V24) equal to a recount of {@code rectification_case}.
 *
 * <p>A workflow change calls {@link #caseChanging} before it writes the case (its row locked) and a
 * report calls {@link #caseReported} after inserting it; the cells are then changed once, just
 * before the transaction commits, by "minus each case as it was, plus each case as it is" in one
 * statement whose rows are locked in key order. So the cells commit or roll back with the case,
 * two transactions touching the same cell queue on its row and both counts land (the update adds
 * to the row as it is then), and two transactions crossing cells in opposite directions (a case
 * dispatched to a unit while another is reopened away from it) cannot deadlock. Hooking the save
 * rather than {@code CaseStatusChanged} also catches changes without a new status (an approved
 * extension moves the due time).
 *
 * <p>One SQL text says what a case contributes ({@link #FACTS}): maintenance, {@link #rebuild()} and
 * {@link #check()} all use it.
 */
@Service
public class StatisticsCells implements CaseStatisticsCells {

	static final String OPEN = "('REGISTERED', 'DISPATCHED', 'IN_PROGRESS', 'FIX_SUBMITTED')";

	/** The case columns the cells depend on. */
	private static final String COLUMNS = """
			status, category_code, region_path, unit_id, reported_at, registered_at, due_at, fix_submitted_at,
			closed_at, closed_on_time, rework_count""";

	/** A case as it was before a change, from its JSON (to_jsonb of the columns above). */
	private static final String OLD_ROWS = """
			jsonb_to_recordset(cast(:old as jsonb)) as o(status text, category_code text, region_path text, unit_id bigint,
			    reported_at timestamptz, registered_at timestamptz, due_at timestamptz, fix_submitted_at timestamptz,
			    closed_at timestamptz, closed_on_time boolean, rework_count integer)""";

	/**
	 * From {@code f} (cases with a {@code sign}: +1 counts a case, -1 takes it back) to {@code cells}:
	 * each case on its report day (the period's cohort) and on its due day, at the four grains, in its
	 * category and unit and (but for PLACE) also summed over all categories ('*') and all units (-1), so
	 * that the tables by part, category and unit of a city or district each read only the cells they group.
	 */
	private static final String FACTS = """
			fact as (
			    select f.sign, cast(f.reported_at at time zone :zone as date) as day, f.region_path, f.category_code,
			        coalesce(f.unit_id, 0) as unit_id,
			        (f.status not in ('REJECTED', 'MERGED'))::int as found,
			        (f.status not in ('REJECTED', 'MERGED') and f.registered_at is not null)::int as registered,
			        (f.status = 'CLOSED')::int as closed,
			        case when f.status = 'CLOSED' then cast(extract(epoch from f.closed_at - f.reported_at) * 1000000 as bigint)
			            else 0 end as close_micros,
			        (f.status not in ('REJECTED', 'MERGED') and (f.fix_submitted_at is not null or f.rework_count > 0
			            or f.status = 'CLOSED'))::int as fixed,
			        (f.status not in ('REJECTED', 'MERGED') and f.rework_count > 0)::int as reworked,
			        0 as due, 0 as closed_on_time, 0 as open_due
			    from f
			    union all
			    select f.sign, cast(f.due_at at time zone :zone as date), f.region_path, f.category_code, coalesce(f.unit_id, 0),
			        0, 0, 0, 0, 0, 0,
			        (f.status not in ('REJECTED', 'MERGED'))::int,
			        (f.status = 'CLOSED' and f.closed_on_time is true)::int,
			        (f.status in %1$s)::int
			    from f
			    where f.due_at is not null),
			-- the keys worked out once per fact, not once per cell (materialized: not inlined into the cross join)
			facts as materialized (
			    select x.*, cast(date_trunc('year', cast(x.day as timestamp)) as date) as year,
			        cast(date_trunc('month', cast(x.day as timestamp)) as date) as month,
			        substring(x.region_path from :town) as town
			    from fact x),
			cells as (
			    select g.grain,
			        case g.grain when 'YEAR' then x.year when 'MONTH' then x.month else x.day end as bucket,
			        case when g.grain = 'PLACE' then x.region_path else x.town end as place,
			        case when p.all_categories then '*' else x.category_code end as category_code,
			        case when p.all_units then -1 else x.unit_id end as unit_id,
			        sum(x.sign * x.found) as found, sum(x.sign * x.registered) as registered, sum(x.sign * x.closed) as closed,
			        sum(x.sign * x.close_micros) as close_micros, sum(x.sign * x.fixed) as fixed,
			        sum(x.sign * x.reworked) as reworked, sum(x.sign * x.due) as due,
			        sum(x.sign * x.closed_on_time) as closed_on_time, sum(x.sign * x.open_due) as open_due
			    from facts x cross join (values ('YEAR'), ('MONTH'), ('DAY'), ('PLACE')) as g(grain)
			        cross join (values (false, false), (true, false), (false, true), (true, true)) as p(all_categories, all_units)
			    -- a town's view reads its few PLACE cells in detail
			    where g.grain <> 'PLACE' or not (p.all_categories or p.all_units)
			    group by 1, 2, 3, 4, 5)""".formatted(OPEN);

	private static final String FIGURE_COLUMNS = "found, registered, closed, close_micros, fixed, reworked, due, "
			+ "closed_on_time, open_due";

	private static final List<String> FIGURES = List.of(FIGURE_COLUMNS.split(", "));

	/** Adds the {@code cells} to the table, in key order (so concurrent writers lock rows in one order). */
	private static final String ADD = """
			insert into case_statistics_cell as k (grain, bucket, place, category_code, unit_id, %1$s)
			select grain, bucket, place, category_code, unit_id, %1$s from cells
			where (%1$s) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
			order by grain, bucket, place, category_code, unit_id
			on conflict (grain, bucket, place, category_code, unit_id) do update set
			    found = k.found + excluded.found, registered = k.registered + excluded.registered,
			    closed = k.closed + excluded.closed, close_micros = k.close_micros + excluded.close_micros,
			    fixed = k.fixed + excluded.fixed, reworked = k.reworked + excluded.reworked, due = k.due + excluded.due,
			    closed_on_time = k.closed_on_time + excluded.closed_on_time, open_due = k.open_due + excluded.open_due
			""".formatted(FIGURE_COLUMNS);

	/** Fills the emptied table: no row is there yet, so no conflict; in key order, which fills the index fastest. */
	private static final String INSERT = """
			insert into case_statistics_cell (grain, bucket, place, category_code, unit_id, %1$s)
			select grain, bucket, place, category_code, unit_id, %1$s from cells
			where (%1$s) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
			order by grain, bucket, place, category_code, unit_id""".formatted(FIGURE_COLUMNS);

	/** The region path cut after its fourth part: the town (or the case's own place above a town). */
	static final String TOWN = "^(?:[^.]*\\.){1,4}";

	static final int MAX_DIFFERENCES = 100;

	private final JdbcClient jdbc;

	StatisticsCells(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Before the workflow writes case {@code id} (locked by the caller's transaction): the case as it
	 * is counted now is taken back when the transaction commits, and the case as it is then is counted.
	 */
	public void caseChanging(long id) {
		Map<Long, String> pending = pending();
		if (pending.containsKey(id)) {
			return; // already changed in this transaction: what was counted is the first state
		}
		String before = jdbc.sql("select cast(to_jsonb(x) as text) from (select " + COLUMNS
				+ " from rectification_case where id = :id) x").param("id", id).query(String.class).optional()
			.orElse(null);
		pending.put(id, before);
	}

	/** After case {@code id} was inserted: it is counted when the transaction commits. */
	public void caseReported(long id) {
		pending().putIfAbsent(id, null);
	}

	/**
	 * This transaction's changed cases (id → the case as counted before, null for a new one). Kept in a
	 * transaction synchronization, which Spring suspends and resumes with its transaction, so an inner
	 * REQUIRES_NEW transaction keeps its own.
	 */
	private Map<Long, String> pending() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("case statistics cells are maintained inside a transaction only");
		}
		Pending found = current();
		if (found == null) {
			found = new Pending();
			TransactionSynchronizationManager.registerSynchronization(found);
		}
		return found.changes;
	}

	private Pending current() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof Pending pending && pending.owner() == this) {
				return pending;
			}
		}
		return null;
	}

	private final class Pending implements TransactionSynchronization {

		final Map<Long, String> changes = new LinkedHashMap<>();

		StatisticsCells owner() {
			return StatisticsCells.this;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			apply(changes);
		}
	}

	private void apply(Map<Long, String> pending) {
		if (pending.isEmpty()) {
			return;
		}
		String old = "[" + String.join(",", pending.values().stream().filter(Objects::nonNull).toList()) + "]";
		jdbc.sql("with f as (select -1 as sign, o.* from " + OLD_ROWS + " union all select 1, " + COLUMNS
				+ " from rectification_case where id in (:ids)), " + FACTS + "\n" + ADD)
			.param("old", old).param("ids", List.copyOf(pending.keySet())).param("zone", CityTime.ZONE.getId())
			.param("town", TOWN).update();
		pending.clear();
	}

	@Override
	@Transactional
	public void rebuild() {
		jdbc.sql("lock table case_statistics_cell in exclusive mode").update();
		// changes already pending in this transaction are in the recount: do not add them twice
		Pending pending = current();
		if (pending != null) {
			pending.changes.clear();
		}
		// a recount groups a few cells per case: room to hash them in memory, for this transaction only
		jdbc.sql("set local work_mem = '128MB'").update();
		jdbc.sql("delete from case_statistics_cell").update();
		jdbc.sql("with f as (select 1 as sign, " + COLUMNS + " from rectification_case), " + FACTS + "\n" + INSERT)
			.param("zone", CityTime.ZONE.getId()).param("town", TOWN).update();
	}

	@Override
	@Transactional(readOnly = true)
	public List<CellDifference> check() {
		StringBuilder differs = new StringBuilder();
		StringBuilder select = new StringBuilder();
		for (String figure : FIGURES) {
			differs.append(differs.isEmpty() ? "" : " or ").append("coalesce(k.").append(figure)
				.append(", 0) <> coalesce(r.").append(figure).append(", 0)");
			select.append(", coalesce(k.").append(figure).append(", 0) as k_").append(figure)
				.append(", coalesce(r.").append(figure).append(", 0) as r_").append(figure);
		}
		List<CellDifference> differences = new ArrayList<>();
		jdbc.sql("with f as (select 1 as sign, " + COLUMNS + " from rectification_case), " + FACTS + """

				select coalesce(k.grain, r.grain) as grain, coalesce(k.bucket, r.bucket) as bucket,
				    coalesce(k.place, r.place) as place, coalesce(k.category_code, r.category_code) as category_code,
				    coalesce(k.unit_id, r.unit_id) as unit_id""" + select + """

				from case_statistics_cell k
				full join cells r on r.grain = k.grain and r.bucket = k.bucket and r.place = k.place
				    and r.category_code = k.category_code and r.unit_id = k.unit_id
				where """ + " " + differs + " order by 1, 2, 3, 4, 5 limit " + MAX_DIFFERENCES)
			.param("zone", CityTime.ZONE.getId()).param("town", TOWN)
			.query((RowCallbackHandler) rs -> differences.addAll(differences(rs)));
		return differences.size() > MAX_DIFFERENCES ? differences.subList(0, MAX_DIFFERENCES) : differences;
	}

	private static List<CellDifference> differences(ResultSet rs) throws SQLException {
		String cell = rs.getString("grain") + " " + rs.getDate("bucket") + " " + rs.getString("place") + " "
				+ rs.getString("category_code") + " unit " + rs.getLong("unit_id");
		List<CellDifference> found = new ArrayList<>();
		for (String figure : FIGURES) {
			BigDecimal maintained = rs.getBigDecimal("k_" + figure);
			BigDecimal recounted = rs.getBigDecimal("r_" + figure);
			if (maintained.compareTo(recounted) != 0) {
				found.add(new CellDifference(cell, figure, maintained, recounted));
			}
		}
		return found;
	}
}
