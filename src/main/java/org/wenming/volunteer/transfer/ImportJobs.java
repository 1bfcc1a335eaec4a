package org.wenming.volunteer.transfer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.shared.DataScope;
import org.wenming.shared.ScopedUser;

/**
 * The {@code import_job} table. A running job's row is held {@code for key share} by its load's
 * transaction from the claim to the commit ({@link #claim}): that lock is how anyone tells a job
 * that is running (on any node) from one whose server stopped ({@link #unsettled}). Progress updates
 * are single autocommitted statements outside the load's transaction (a plain update does not
 * conflict with a key-share lock), and change only a job that is still running, so nothing written
 * late by a failing load undoes a settled state.
 */
@Repository
class ImportJobs {

	private static final String COLUMNS = """
			id, created_by, scope_path, file_name, status, problem, problem_detail, rows_read, rows_ok, errors_count, imported,
			created_at, started_at, finished_at, report_path""";

	private static final RowMapper<ImportJob> ROW = (rs, i) -> new ImportJob(rs.getLong("id"),
			rs.getString("created_by"), rs.getString("scope_path"), rs.getString("file_name"),
			ImportJob.Status.valueOf(rs.getString("status")), rs.getString("problem"), rs.getString("problem_detail"),
			rs.getInt("rows_read"),
			rs.getInt("rows_ok"), rs.getInt("errors_count"), rs.getInt("imported"),
			rs.getObject("created_at", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
			rs.getObject("finished_at", OffsetDateTime.class), rs.getString("report_path") != null);

	private final JdbcClient jdbc;

	/** The load's connection is busy with its COPY: what others must see now goes through another, autocommitted. */
	private final TransactionTemplate outside;

	ImportJobs(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.outside = new TransactionTemplate(transactionManager);
		this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	long create(ScopedUser user, String fileName, String locale, OffsetDateTime now) {
		return jdbc.sql("""
				insert into import_job (created_by_id, created_by, scope_path, file_name, locale, created_at)
				values (:userId, :username, :scope, :file, :locale, :now) returning id""")
				.param("userId", user.userId()).param("username", user.username()).param("scope", user.scope().path())
				.param("file", fileName).param("locale", locale).param("now", now).query(Long.class).single();
	}

	Optional<ImportJob> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from import_job where id = :id").param("id", id).query(ROW).optional();
	}

	/** The newest jobs whose importer's scope lies inside the given scope. */
	List<ImportJob> recent(DataScope scope, int limit) {
		return jdbc.sql("select " + COLUMNS
				+ " from import_job where scope_path >= :lower and scope_path < :upper order by id desc limit :limit")
				.param("lower", scope.lower()).param("upper", scope.upper()).param("limit", limit).query(ROW).list();
	}

	String locale(long id) {
		return jdbc.sql("select locale from import_job where id = :id").param("id", id).query(String.class).single();
	}

	Optional<String> reportPath(long id) {
		return jdbc.sql("select report_path from import_job where id = :id").param("id", id).query(String.class)
				.optional();
	}

	/**
	 * Holds the job's row for the calling (load's) transaction until it ends, before the job shows as
	 * running: the job is the caller's to run while the transaction lives, and settled by whoever finds
	 * it running once it is gone.
	 *
	 * @return the job's status when claimed (QUEUED for a job nobody has started)
	 */
	ImportJob.Status claim(long id) {
		return ImportJob.Status.valueOf(jdbc.sql("select status from import_job where id = :id for key share")
			.param("id", id).query(String.class).single());
	}

	void started(long id, OffsetDateTime now) {
		outside.executeWithoutResult(s -> jdbc.sql("""
				update import_job set status = 'VALIDATING', started_at = :now where id = :id and status = 'QUEUED'""")
			.param("now", now).param("id", id).update());
	}

	void progress(long id, int rowsRead, int rowsOk, int errors) {
		outside.executeWithoutResult(s -> jdbc.sql("""
				update import_job set rows_read = :read, rows_ok = :ok, errors_count = :errors
				where id = :id and status = 'VALIDATING'""")
			.param("read", rowsRead).param("ok", rowsOk).param("errors", errors).param("id", id).update());
	}

	void importing(long id, int rowsRead, int rowsOk) {
		outside.executeWithoutResult(s -> jdbc.sql("""
				update import_job set status = 'IMPORTING', rows_read = :read, rows_ok = :ok
				where id = :id and status = 'VALIDATING'""")
			.param("read", rowsRead).param("ok", rowsOk).param("id", id).update());
	}

	/**
	 * Jobs shown as running whose load's transaction is gone (a stopped server's), locked for the
	 * caller's transaction; a job another node is running is skipped, not waited for.
	 */
	List<Long> unsettled() {
		return jdbc.sql("""
				select id from import_job where status in ('VALIDATING', 'IMPORTING') order by id
				for update skip locked""").query(Long.class).list();
	}

	/** A stopped job whose volunteers are there: its load committed, only its final state was lost. */
	void settleDone(long id, int imported, OffsetDateTime now) {
		jdbc.sql("""
				update import_job set status = 'DONE', problem = null, problem_detail = null, errors_count = 0,
				    rows_ok = greatest(rows_ok, :imported), rows_read = greatest(rows_read, :imported),
				    imported = :imported, finished_at = :now
				where id = :id""").param("imported", imported).param("now", now).param("id", id).update();
	}

	/** A stopped job with nothing imported. */
	void settleInterrupted(long id, OffsetDateTime now) {
		jdbc.sql("""
				update import_job set status = 'INTERRUPTED', problem = 'volunteer.import.interrupted', problem_detail = null,
				    imported = 0, finished_at = :now
				where id = :id""").param("now", now).param("id", id).update();
	}

	/** A load that failed and rolled back; the counts so far stay. Nothing changes when the job was settled meanwhile. */
	void failed(long id, String problem, OffsetDateTime now) {
		jdbc.sql("""
				update import_job set status = 'FAILED', problem = :problem, imported = 0, finished_at = :now
				where id = :id and status in ('QUEUED', 'VALIDATING', 'IMPORTING')""")
			.param("problem", problem).param("now", now).param("id", id).update();
	}

	/** The job's final state, unless it was settled meanwhile (then nothing changes). */
	void finish(long id, ImportJob.Status status, String problem, String detail, int rowsRead, int rowsOk, int errors, int imported,
			String reportPath, OffsetDateTime now) {
		jdbc.sql("""
				update import_job set status = :status, problem = :problem, problem_detail = :detail, rows_read = :read, rows_ok = :ok,
				    errors_count = :errors, imported = :imported, report_path = :report, finished_at = :now
				where id = :id and status in ('QUEUED', 'VALIDATING', 'IMPORTING')""")
				.param("status", status.name()).param("problem", problem, java.sql.Types.VARCHAR)
				.param("detail", detail, java.sql.Types.VARCHAR)
				.param("read", rowsRead).param("ok", rowsOk).param("errors", errors).param("imported", imported)
				.param("report", reportPath, java.sql.Types.VARCHAR).param("now", now).param("id", id).update();
	}
}
