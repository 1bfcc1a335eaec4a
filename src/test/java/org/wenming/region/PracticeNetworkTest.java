package org.wenming.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.support.WenmingTest;

/** The generated network: one centre per county, one institute per town, one station per village. */
@WenmingTest
class PracticeNetworkTest {

	@Autowired
	PracticeSites sites;

	@Autowired
	JdbcClient jdbc;

	private long generated(String kind) {
		return jdbc.sql("""
				select count(*) from practice_site
				where generated and kind = :kind and region_path >= '44.4412.' and region_path < '44.4412/'""")
				.param("kind", kind).query(Long.class).single();
	}

	@Test
	void zhaoqingHasItsCentresInstitutesAndStations() {
		assertThat(generated("CENTRE")).isEqualTo(8);
		assertThat(generated("INSTITUTE")).isEqualTo(106);
		assertThat(generated("STATION")).isEqualTo(1558);
		assertThat(jdbc.sql("select count(*) from practice_site where generated").query(Long.class).single())
				.as("nothing generated outside the configured city").isEqualTo(1672);
		assertThat(jdbc.sql("select count(*) from practice_site where generated and demonstration").query(Long.class)
				.single()).as("demonstration flags are for staff to set").isZero();
	}

	@Test
	void generatingAgainAddsNothingEvenWhenNodesStartTogether() throws Exception {
		long before = jdbc.sql("select count(*) from practice_site").query(Long.class).single();
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			List<Callable<Integer>> starts = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				starts.add(() -> sites.generateNetwork("4412"));
			}
			for (Future<Integer> added : pool.invokeAll(starts)) {
				assertThat(added.get()).isZero();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("select count(*) from practice_site").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void namesAreWrittenAsTheCityWritesThem() {
		assertThat(nameOf("441202", "CENTRE")).isEqualTo("端州区新时代文明实践中心");
		assertThat(nameOf("441284", "CENTRE")).isEqualTo("四会市新时代文明实践中心");
		// the county prefix of "端州区城东街道" is dropped; towns without one keep their name
		assertThat(nameOf("441202001", "INSTITUTE")).isEqualTo("城东街道新时代文明实践所");
		assertThat(nameOf("441203001", "INSTITUTE")).isEqualTo("坑口街道新时代文明实践所");
		// "杏花社区居委会" → 杏花社区
		assertThat(nameOf("441202001002", "STATION")).isEqualTo("杏花社区新时代文明实践站");
		assertThat(jdbc.sql("select count(*) from practice_site where generated and (name like '%委员会%'"
				+ " or name like '%居委%' or name like '%村委%' or name like '%区%街道新时代%')").query(Long.class).single())
				.as("no committee suffix or county prefix left in any generated name").isZero();
	}

	@Test
	void villageCommitteesBecomeTheirVillageOrCommunity() {
		String village = jdbc.sql("select code from region where name = '罗建村委会' and path like '44.4412.%'")
				.query(String.class).single();
		assertThat(nameOf(village, "STATION")).isEqualTo("罗建村新时代文明实践站");
		String committee = jdbc.sql("select code from region where name = '城东居委会' and path like '44.4412.%' order by code limit 1")
				.query(String.class).single();
		assertThat(nameOf(committee, "STATION")).isEqualTo("城东社区新时代文明实践站");
	}

	private String nameOf(String regionCode, String kind) {
		return jdbc.sql("select name from practice_site where region_code = :code and kind = :kind")
				.param("code", regionCode).param("kind", kind).query(String.class).single();
	}
}
