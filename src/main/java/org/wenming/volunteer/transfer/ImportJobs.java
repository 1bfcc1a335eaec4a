package org.wenming.volunteer.transfer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.shared.DataScope;
import org.wenming.shared.ScopedUser;

/** The {@code import_job} table. Progress updates are single autocommitted statements, outside the load's transaction. */
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

	ImportJobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	void started(long id, OffsetDateTime now) {
		jdbc.sql("update import_job set status = 'VALIDATING', started_at = :now where id = :id").param("now", now)
				.param("id", id).update();
	}

	void progress(long id, int rowsRead, int rowsOk, int errors) {
		jdbc.sql("update import_job set rows_read = :read, rows_ok = :ok, errors_count = :errors where id = :id")
				.param("read", rowsRead).param("ok", rowsOk).param("errors", errors).param("id", id).update();
	}

	void importing(long id, int rowsRead, int rowsOk) {
		jdbc.sql("update import_job set status = 'IMPORTING', rows_read = :read, rows_ok = :ok where id = :id")
				.param("read", rowsRead).param("ok", rowsOk).param("id", id).update();
	}

	void finish(long id, ImportJob.Status status, String problem, String detail, int rowsRead, int rowsOk, int errors, int imported,
			String reportPath, OffsetDateTime now) {
		jdbc.sql("""
				update import_job set status = :status, problem = :problem, problem_detail = :detail, rows_read = :read, rows_ok = :ok,
				    errors_count = :errors, imported = :imported, report_path = :report, finished_at = :now
				where id = :id""")
				.param("status", status.name()).param("problem", problem, java.sql.Types.VARCHAR)
				.param("detail", detail, java.sql.Types.VARCHAR)
				.param("read", rowsRead).param("ok", rowsOk).param("errors", errors).param("imported", imported)
				.param("report", reportPath, java.sql.Types.VARCHAR).param("now", now).param("id", id).update();
	}
}
