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
 *
 * <p>The table is also the queue: {@link #next} picks the oldest QUEUED job any node may run, and
 * {@link #started} makes it the caller's.
 */
@Repository
class ImportJobs {

	private static final String COLUMNS = """
			id, created_by, scope_path, file_name, status, problem, problem_detail, rows_read, rows_ok, errors_count, imported,
			created_at, started_at, finished_at, report_path, attempts, claimed_by, upload_key""";

	private static final RowMapper<ImportJob> ROW = (rs, i) -> new ImportJob(rs.getLong("id"),
			rs.getString("created_by"), rs.getString("scope_path"), rs.getString("file_name"),
			ImportJob.Status.valueOf(rs.getString("status")), rs.getString("problem"), rs.getString("problem_detail"),
			rs.getInt("rows_read"),
			rs.getInt("rows_ok"), rs.getInt("errors_count"), rs.getInt("imported"),
			rs.getObject("created_at", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
			rs.getObject("finished_at", OffsetDateTime.class), rs.getString("report_path") != null, rs.getInt("attempts"),
			rs.getString("claimed_by"), rs.getString("upload_key") != null);

	private final JdbcClient jdbc;

	/** The load's connection is busy with its COPY: what others must see now goes through another, autocommitted. */
	private final TransactionTemplate outside;

	ImportJobs(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.outside = new TransactionTemplate(transactionManager);
		this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/** A job's number before its row: the upload is stored under it first, so no queued job lacks its file. */
	long nextId() {
		return jdbc.sql("select nextval(pg_get_serial_sequence('import_job', 'id'))").query(Long.class).single();
	}

	/** The job, QUEUED, its upload already stored under {@code uploadKey}. */
	long create(long id, ScopedUser user, String fileName, String locale, OffsetDateTime now, String uploadKey) {
		jdbc.sql("""
				insert into import_job (id, created_by_id, created_by, scope_path, file_name, locale, created_at, upload_key)
				values (:id, :userId, :username, :scope, :file, :locale, :now, :upload)""")
				.param("id", id).param("userId", user.userId()).param("username", user.username())
				.param("scope", user.scope().path()).param("file", fileName).param("locale", locale).param("now", now)
				.param("upload", uploadKey, java.sql.Types.VARCHAR).update();
		return id;
	}

	/** Who submitted a job, and where its upload is: what a worker on any node needs to run it. */
	record Queued(long id, String createdBy, String scopePath, String locale, String uploadKey) {
	}

	Optional<Queued> queued(long id) {
		return jdbc.sql("select id, created_by, scope_path, locale, upload_key from import_job where id = :id")
			.param("id", id).query((rs, i) -> new Queued(rs.getLong("id"), rs.getString("created_by"),
					rs.getString("scope_path"), rs.getString("locale"), rs.getString("upload_key")))
			.optional();
	}

	/**
	 * The oldest QUEUED job no other worker is picking right now, its row locked for the calling
	 * transaction (which gives the lock back at once: see {@link VolunteerImports}).
	 */
	Optional<Long> next() {
		return jdbc.sql("""
				select id from import_job where status = 'QUEUED' order by id limit 1 for update skip locked""")
			.query(Long.class).optional();
	}

	/** Forgets the job's upload once it is deleted (or was never kept). */
	void uploadDeleted(long id) {
		jdbc.sql("update import_job set upload_key = null where id = :id").param("id", id).update();
	}

	/**
	 * Queues a FAILED or INTERRUPTED job again, its counts and report cleared (nothing of a rolled-back
	 * attempt is left to count).
	 *
	 * @return whether it was queued: false when it is not failed or interrupted, or its upload is gone
	 */
	boolean requeue(long id) {
		return jdbc.sql("""
				update import_job set status = 'QUEUED', problem = null, problem_detail = null, rows_read = 0, rows_ok = 0,
				    errors_count = 0, imported = 0, started_at = null, finished_at = null, report_path = null
				where id = :id and status in ('FAILED', 'INTERRUPTED') and upload_key is not null""")
			.param("id", id).update() == 1;
	}

	/**
	 * Uploads of jobs that ended longer ago than the retention: their personal data goes. Mostly failed or
	 * interrupted jobs; also a DONE one whose node stopped before it deleted its upload (settled DONE).
	 */
	List<Queued> expiredUploads(OffsetDateTime before) {
		return jdbc.sql("""
				select id, created_by, scope_path, locale, upload_key from import_job
				where upload_key is not null and status in ('DONE', 'REFUSED', 'FAILED', 'INTERRUPTED') and finished_at < :before
				order by id limit 100""").param("before", before)
			.query((rs, i) -> new Queued(rs.getLong("id"), rs.getString("created_by"), rs.getString("scope_path"),
					rs.getString("locale"), rs.getString("upload_key")))
			.list();
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

	/**
	 * The job is the caller's: QUEUED to VALIDATING, committed at once. Two workers that met on one job
	 * both get here; the second waits for the first's update, finds the job no longer QUEUED and loses.
	 *
	 * @return whether this caller won the job
	 */
	boolean started(long id, String node, OffsetDateTime now) {
		Integer changed = outside.execute(s -> jdbc.sql("""
				update import_job set status = 'VALIDATING', started_at = :now, claimed_by = :node, attempts = attempts + 1
				where id = :id and status = 'QUEUED'""")
			.param("now", now).param("node", node).param("id", id).update());
		return changed != null && changed == 1;
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
		// its upload kept: the job can run again from it; none (an older version deleted it): upload it again
		jdbc.sql("""
				update import_job set status = 'INTERRUPTED', problem_detail = null,
				    problem = case when upload_key is null then 'volunteer.import.interrupted'
				                   else 'volunteer.import.interrupted.kept' end,
				    imported = 0, finished_at = :now
				where id = :id""").param("now", now).param("id", id).update();
	}

	/** A load that failed and rolled back; the counts so far stay. Nothing changes when the job was settled meanwhile. */
	/**
	 * The attempt failed: FAILED, unless the job moved on meanwhile. A late failure of an attempt whose node a
	 * settling already declared gone must not end the attempt staff queued after it (ImportCrashTest saw it).
	 */
	void failed(long id, int attempt, String problem, OffsetDateTime now) {
		jdbc.sql("""
				update import_job set status = 'FAILED', problem = :problem, imported = 0, finished_at = :now
				where id = :id and attempts = :attempt and status in ('VALIDATING', 'IMPORTING')""")
			.param("problem", problem).param("now", now).param("id", id).param("attempt", attempt).update();
	}

	/** How many times the job was claimed, this claim included. */
	int attempts(long id) {
		return jdbc.sql("select attempts from import_job where id = :id").param("id", id).query(Integer.class).single();
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
