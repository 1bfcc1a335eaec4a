package org.wenming.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A city office's search by name reads its own city's matches and nothing else, however many other
 * cities' volunteers the table holds: four cities of 20,000 volunteers each (a fifth of every city
 * named 陈…, the other names spread on both sides of 陈 in code-point order), analyzed, and the
 * application's own statement explained with its run (EXPLAIN ANALYZE). Before V38 the same search walked
 * the name index from its start across every city (the cost curve in docs/BENCHMARKS.md). The rows go in
 * with foreign-key triggers off inside one transaction that is rolled back.
 */
@WenmingTest
class VolunteerSearchPlanTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Surnames on both sides of 陈 (U+9648) in code-point order. */
	private static final String SURNAMES = "王李张刘陈杨黄赵吴周";

	private static final List<String> CITIES = List.of("4412", "4406", "4401", "4403");

	private static final int PER_CITY = 20_000;

	@Autowired
	Volunteers volunteers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aCitySearchByNameReadsOnlyItsOwnCitysMatches() {
		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			tx.setRollbackOnly();
			fill();
			ScopedUser cityOffice = new TestUsers(regions).staffPrincipal("4412", Roles.OFFICE_STAFF);

			VolunteerQuery chen = new VolunteerQuery("陈", null, null, null, null, null, null, null, 0, 20);
			List<JsonNode> scans = scans(chen, cityOffice);
			assertThat(scans).as("the volunteer scan").singleElement().satisfies(scan -> {
				assertThat(scan.get("Node Type").asString()).isEqualTo("Index Scan");
				assertThat(scan.get("Index Name").asString()).isEqualTo("volunteer_city_name_idx");
				// a page of 20 reads 20 index entries: no other city's names, no name before 陈
				assertThat(scan.get("Actual Rows").asDouble()).isLessThanOrEqualTo(21);
				assertThat(scan.has("Rows Removed by Filter") ? scan.get("Rows Removed by Filter").asDouble() : 0)
					.isZero();
			});
			VolunteerPage page = volunteers.search(chen, cityOffice);
			long ownChen = jdbc.sql("""
					select count(*) from volunteer where region_path like '44.4412.%' and real_name like '陈%'""")
				.query(Long.class).single();
			assertThat(ownChen).isGreaterThanOrEqualTo(PER_CITY / SURNAMES.length());
			assertThat(page.total()).isEqualTo(ownChen);
			assertThat(page.items()).hasSize(20).allSatisfy(v -> {
				assertThat(v.realName()).startsWith("陈");
				assertThat(v.regionPath()).startsWith("44.4412.");
			});
			List<String> names = page.items().stream().map(Volunteer::realName).toList();
			assertThat(names).isSortedAccordingTo(String::compareTo);

			// the directory in name order, no text: the same index, the walk stays in the city
			VolunteerQuery all = new VolunteerQuery(null, null, null, null, null, null, null, null, 0, 20);
			assertThat(scans(all, cityOffice)).singleElement().satisfies(scan -> {
				assertThat(scan.get("Index Name").asString()).isEqualTo("volunteer_city_name_idx");
				assertThat(scan.get("Actual Rows").asDouble()).isLessThanOrEqualTo(21);
			});
		});
	}

	private void fill() {
		jdbc.sql("set local session_replication_role = replica").update();
		for (String city : CITIES) {
			Map<String, Object> county = jdbc.sql("""
					select code, path from region where level = 3 and path like :city order by code limit 1""")
				.param("city", "44." + city + ".%").query().singleRow();
			jdbc.sql("""
					insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher,
					    id_number_hash, id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id,
					    gender, birth_date, region_code, region_path, consent_version, consent_at, registered_by)
					select 'P' || :city || lpad(g::text, 10, '0'),
					    substr(:surnames, 1 + g % 10, 1) || chr(19968 + (g * 7919) % 20000),
					    'x', 'RESIDENT_ID', '\\x00'::bytea, decode(md5('plan' || :city || g), 'hex'), '4412**********0000',
					    '\\x00'::bytea, decode(md5('plan-p' || :city || g), 'hex'), '138****0000', '0000', 'k1', 'F',
					    date '1990-01-01', :code, :path, 'plan', now(), 'plan'
					from generate_series(1, :n) g""")
				.param("city", city).param("surnames", SURNAMES).param("code", county.get("code"))
				.param("path", county.get("path")).param("n", PER_CITY).update();
		}
		jdbc.sql("analyze volunteer").update();
	}

	/** The volunteer table's scans in the search's plan, with what each read. */
	private List<JsonNode> scans(VolunteerQuery query, ScopedUser staff) {
		Volunteers.PageStatement statement = volunteers.pageStatement(query, staff);
		String json = jdbc.sql("explain (analyze, format json) " + statement.sql()).params(statement.params())
			.query(String.class).single();
		List<JsonNode> scans = new ArrayList<>();
		collect(JSON.readTree(json).get(0).get("Plan"), scans);
		return scans;
	}

	private static void collect(JsonNode node, List<JsonNode> scans) {
		if (node.has("Relation Name") && "volunteer".equals(node.get("Relation Name").asString())) {
			scans.add(node);
		}
		if (node.has("Plans")) {
			node.get("Plans").forEach(child -> collect(child, scans));
		}
	}
}
