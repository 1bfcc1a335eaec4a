package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.support.WenmingTest;

/**
 * What a bulk load sets aside comes back exactly (same definitions), a duplicate or a dangling
 * reference loaded meanwhile fails the restore, and a rollback brings the indexes back too; on the
 * real database, with scratch tables of its own.
 */
@WenmingTest
class BulkLoadWindowTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@BeforeEach
	void tables() {
		jdbc.sql("""
				create table bulk_parent (id bigint primary key, code text not null unique, label text unique);
				create table bulk_child (
				    id bigint primary key,
				    parent_id bigint not null references bulk_parent (id),
				    parent_code text references bulk_parent (code),
				    number text not null,
				    state text not null,
				    unique (number));
				create index bulk_child_parent_idx on bulk_child (parent_id, state);
				create unique index bulk_child_live_idx on bulk_child (parent_id, number) where state = 'LIVE';
				insert into bulk_parent values (1, 'a', 'A'), (2, 'b', 'B');""").update();
	}

	@AfterEach
	void dropTables() {
		jdbc.sql("drop table if exists bulk_child; drop table if exists bulk_parent").update();
	}

	@Test
	void whatIsSetAsideComesBackTheSame() {
		String before = schema();
		inTransaction(() -> {
			BulkLoadWindow window = BulkLoadWindow.open(jdbc, List.of("bulk_child"), List.of());
			// only the primary key is left while the rows go in
			assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'bulk_child'").query(Long.class)
				.single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from pg_constraint where conrelid = 'bulk_child'::regclass and contype in ('f', 'u')")
				.query(Long.class).single()).isZero();
			jdbc.sql("insert into bulk_child select i, 1 + i % 2, 'a', 'n' || i, 'LIVE' from generate_series(1, 1000) i").update();
			window.restore();
		});
		assertThat(schema()).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from bulk_child").query(Long.class).single()).isEqualTo(1000);
	}

	@Test
	void aDuplicateOrADanglingReferenceFailsTheRestoreAndTheRollbackBringsAllBack() {
		String before = schema();
		assertThatThrownBy(() -> inTransaction(() -> {
			BulkLoadWindow window = BulkLoadWindow.open(jdbc, List.of("bulk_child"), List.of());
			jdbc.sql("insert into bulk_child values (1, 1, null, 'same', 'LIVE'), (2, 2, null, 'same', 'OLD')").update();
			window.restore();
		})).isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> inTransaction(() -> {
			BulkLoadWindow window = BulkLoadWindow.open(jdbc, List.of("bulk_child"), List.of());
			jdbc.sql("insert into bulk_child values (1, 99, null, 'n1', 'LIVE')").update();
			window.restore();
		})).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(schema()).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from bulk_child").query(Long.class).single()).isZero();
	}

	@Test
	void aUniqueConstraintAnotherTablesForeignKeyUsesStays() {
		inTransaction(() -> {
			BulkLoadWindow window = BulkLoadWindow.open(jdbc, List.of("bulk_parent"), List.of());
			// bulk_child's foreign keys hang on the primary key and on the unique code: both stay; the label goes
			assertThat(jdbc.sql("select indexname from pg_indexes where tablename = 'bulk_parent' order by 1")
				.query(String.class).list()).containsExactly("bulk_parent_code_key", "bulk_parent_pkey");
			window.restore();
		});
		assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'bulk_parent'").query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aPartitionedTablesIndexesComeBackOnEveryPartition() {
		jdbc.sql("""
				create table bulk_parted (id bigint not null, day date not null, code text not null,
				    primary key (id, day), unique (code, day)) partition by range (day);
				create table bulk_parted_2025 partition of bulk_parted for values from ('2025-01-01') to ('2026-01-01');
				create table bulk_parted_default partition of bulk_parted default;
				create index bulk_parted_code_idx on bulk_parted (code);""").update();
		try {
			String before = partitionedIndexes();
			inTransaction(() -> {
				BulkLoadWindow window = BulkLoadWindow.open(jdbc, List.of("bulk_parted"), List.of());
				jdbc.sql("insert into bulk_parted select i, date '2025-01-01' + i % 400, 'c' || i from generate_series(1, 1000) i")
					.update();
				window.restore();
			});
			// the same indexes on the parent and on each partition, all valid (an index made "on only" the
			// parent would be invalid and reach no partition)
			assertThat(partitionedIndexes()).isEqualTo(before);
			assertThat(jdbc.sql("""
					select count(*) from pg_index i join pg_class c on c.oid = i.indrelid
					where c.relname like 'bulk_parted%' and not i.indisvalid""").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("""
					select count(*) from pg_indexes where tablename = 'bulk_parted_default'""").query(Long.class).single())
				.isEqualTo(3);
		}
		finally {
			jdbc.sql("drop table bulk_parted").update();
		}
	}

	private String partitionedIndexes() {
		return jdbc.sql("""
				select string_agg(tablename || ': ' || regexp_replace(indexdef, 'INDEX \\S+ ', 'INDEX '), '; '
				    order by tablename, regexp_replace(indexdef, 'INDEX \\S+ ', 'INDEX '))
				from pg_indexes where tablename like 'bulk_parted%'""").query(String.class).single();
	}

	private void inTransaction(Runnable body) {
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> body.run());
	}

	private String schema() {
		return jdbc.sql("""
				select (select string_agg(indexdef, '; ' order by indexdef) from pg_indexes
				        where tablename in ('bulk_parent', 'bulk_child'))
				    || ' | ' || (select string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' order by conname)
				        from pg_constraint where conrelid in ('bulk_parent'::regclass, 'bulk_child'::regclass))""")
			.query(String.class).single();
	}
}
