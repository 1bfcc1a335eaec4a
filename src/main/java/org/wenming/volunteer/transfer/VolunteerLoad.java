package org.wenming.volunteer.transfer;

import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.wenming.platform.BulkLoadWindow;
import org.wenming.volunteer.VolunteersRegistered;
import org.wenming.volunteer.internal.PersonalDataCipher;

/**
 * Loading (装载): the checked rows travel through {@code COPY} into a temporary table, then one
 * statement moves them into the volunteer table, all in the caller's (the load's) transaction. For a
 * city's first migration the volunteer table's indexes are set aside and built once after the insert
 * ({@link BulkLoadWindow}).
 */
@Component
class VolunteerLoad {

	/** Temporary table the COPY fills; dropped at commit. */
	static final String STAGING_TABLE = """
			create temp table import_staging (
			    volunteer_number varchar(20), real_name varchar(50), name_initials varchar(50), id_type varchar(24),
			    id_number_cipher bytea, id_number_hash bytea, id_number_masked varchar(40), phone_cipher bytea,
			    phone_hash bytea, phone_masked varchar(20), phone_last4 char(4), gender char(1), birth_date date,
			    region_code varchar(12), region_path text collate "C", skills text[], availability varchar(200),
			    emergency_name varchar(50), emergency_phone_cipher bytea, emergency_phone_masked varchar(20),
			    guardian_name varchar(50), guardian_relation varchar(20), guardian_phone_cipher bytea,
			    guardian_phone_masked varchar(20), guardian_consent boolean, consent_version varchar(20)
			) on commit drop""";

	/** The staged rows into the volunteer table, in file order. */
	private static final String INSERT = """
			insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher,
			    id_number_hash, id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id,
			    gender, birth_date, region_code, region_path, skills, availability, emergency_name,
			    emergency_phone_cipher, emergency_phone_masked, guardian_name, guardian_relation,
			    guardian_phone_cipher, guardian_phone_masked, guardian_consent_at, consent_version, consent_at,
			    registered_by, created_at, updated_at, import_job_id)
			select volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
			    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, :keyId, gender, birth_date,
			    region_code, region_path, skills, availability, emergency_name, emergency_phone_cipher,
			    emergency_phone_masked, guardian_name, guardian_relation, guardian_phone_cipher,
			    guardian_phone_masked, case when guardian_consent then :now end, consent_version, :now, :by, :now,
			    :now, :job
			from import_staging""";

	private static final Logger log = LoggerFactory.getLogger(VolunteerLoad.class);

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	VolunteerLoad(JdbcClient jdbc, DataSource dataSource, PersonalDataCipher cipher, Clock clock) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.cipher = cipher;
		this.clock = clock;
	}

	/** What a load put in: the volunteers, and how many of them in each home region (for the event). */
	record Load(int imported, boolean bulk, OffsetDateTime registeredAt,
			List<VolunteersRegistered.RegionCount> regions) {

		VolunteersRegistered event(long job) {
			return new VolunteersRegistered("import:" + job, registeredAt, regions);
		}
	}

	/** The staging table, and a COPY into it on the transaction's own connection (no other statement may run on it until closed). */
	OutputStream openStaging() {
		jdbc.sql(STAGING_TABLE).update();
		try {
			return new PGCopyOutputStream(DataSourceUtils.getConnection(dataSource).unwrap(PGConnection.class),
					"copy import_staging (" + StagingRows.COLUMNS + ") from stdin", 1 << 16);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY refused: SQL state " + ex.getSQLState(), ex);
		}
	}

	/**
	 * Pass 2, in the transaction that already holds the staged rows: the volunteers in one statement.
	 * Which import brought each one in is their {@code import_job_id} (the job records who and when),
	 * so no history row is written per volunteer.
	 *
	 * @param bulkLoad whether a file of so many rows sets the indexes aside
	 */
	Load load(long job, int rows, String importedBy, LongPredicate bulkLoad, TransactionStatus transaction) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		BulkLoadWindow window = bulkLoad.test(rows) ? openWindow(transaction) : null;
		long insertStarted = System.nanoTime();
		int added = jdbc.sql(INSERT).param("keyId", cipher.activeKeyId()).param("now", now).param("by", importedBy)
			.param("job", job).update();
		if (window != null) {
			long inserted = System.nanoTime();
			log.info("Import job {}: {} rows inserted in {} ms", job, added, (inserted - insertStarted) / 1_000_000);
			window.restore(); // a unique index finding a duplicate fails the whole load here
			log.info("Import job {}: indexes and constraints built in {} ms", job, (System.nanoTime() - inserted) / 1_000_000);
		}
		List<VolunteersRegistered.RegionCount> regions = jdbc.sql(
				"select region_path, count(*) from import_staging group by region_path order by region_path")
			.query((rs, n) -> new VolunteersRegistered.RegionCount(rs.getString(1), rs.getLong(2))).list();
		return new Load(added, window != null, now, regions);
	}

	/**
	 * What a job committed, read back from its volunteers: for a job whose final state was lost
	 * (committed by a version that stored it apart from the rows).
	 */
	Optional<Load> loaded(long job) {
		List<VolunteersRegistered.RegionCount> regions = jdbc.sql("""
				select region_path, count(*) from volunteer where import_job_id = :job group by region_path
				order by region_path""").param("job", job)
			.query((rs, n) -> new VolunteersRegistered.RegionCount(rs.getString(1), rs.getLong(2))).list();
		if (regions.isEmpty()) {
			return Optional.empty();
		}
		OffsetDateTime at = jdbc.sql("select min(created_at) from volunteer where import_job_id = :job").param("job", job)
			.query(OffsetDateTime.class).single();
		int count = (int) regions.stream().mapToLong(VolunteersRegistered.RegionCount::count).sum();
		return Optional.of(new Load(count, false, at, regions));
	}

	/** Fresh statistics after a bulk load changed the table's size several times over; outside the load's transaction. */
	void analyze() {
		jdbc.sql("analyze volunteer").update();
	}

	/** The load's PostgreSQL session: what a crash test ends. */
	int backendPid() {
		return jdbc.sql("select pg_backend_pid()").query(Integer.class).single();
	}

	/** The planner's estimate of the volunteer table's size: cheap, and close enough to choose a load mode. */
	long volunteerRowsEstimate() {
		return jdbc.sql("select greatest(reltuples, 0)::bigint from pg_class where oid = 'volunteer'::regclass")
			.query(Long.class).single();
	}

	/**
	 * Bulk-load mode for a city's first migration (the file at least as large as the table and above
	 * {@code bulk-load-min-rows}): building the indexes once and checking the foreign keys once after
	 * the insert is several times faster than maintaining a dozen indexes and checking two foreign keys
	 * row by row. It needs the volunteer table to itself until the commit, so it gives way (and the
	 * rows go in with the indexes kept) when that lock is not had within 5 seconds. Everything, the
	 * set-aside indexes included, is in the load's transaction: a failure or a crash rolls back to the
	 * table as it was.
	 *
	 * @return the open window, or null when the table was busy
	 */
	private BulkLoadWindow openWindow(TransactionStatus transaction) {
		Object beforeLock = transaction.createSavepoint();
		try {
			jdbc.sql("set local lock_timeout = '5s'").update();
			jdbc.sql("lock table volunteer in access exclusive mode").update();
			jdbc.sql("set local lock_timeout to default").update();
		}
		catch (DataAccessException ex) {
			if (!(ex.getMostSpecificCause() instanceof SQLException sql) || !"55P03".equals(sql.getSQLState())) {
				throw ex;
			}
			transaction.rollbackToSavepoint(beforeLock);
			log.info("Volunteer table busy: loading with its indexes kept");
			return null;
		}
		transaction.releaseSavepoint(beforeLock);
		return BulkLoadWindow.open(jdbc, List.of("volunteer"), List.of());
	}
}
