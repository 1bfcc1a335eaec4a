package org.wenming.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.platform.InvalidInputException;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/** Taking a report in: placed in a region of the city, history started, contact sealed; bad input refused. */
@WenmingTest
class CaseReportTest {

	@Autowired
	Cases cases;

	@Autowired
	ContactSeal seal;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReportIsStoredInItsRegionWithItsFirstHistoryEntryAndASealedContact() {
		var contact = seal.seal(Cases.CONTACT_COLUMN, "138 0013 8000");
		var reported = cases.report(new NewCase(CaseSource.CITIZEN, "OVERHEAD_CABLES", "  电线缠绕垂落在人行道上  ",
				"端州区测试路1号", new BigDecimal("23.05"), new BigDecimal("112.46"), "441202", null, "王先生", contact,
				null), "citizen");

		CaseView view = cases.find(reported.id()).orElseThrow();
		assertThat(view.status()).isEqualTo(CaseStatus.REPORTED);
		assertThat(view.description()).isEqualTo("电线缠绕垂落在人行道上");
		assertThat(view.regionCode()).isEqualTo("441202");
		assertThat(view.caseNumber()).startsWith("4412-").isEqualTo(reported.caseNumber());
		assertThat(view.reporterContactMasked()).isEqualTo("138****8000");
		assertThat(cases.findByFollowToken(reported.followToken())).map(CaseView::id).contains(reported.id());
		assertThat(cases.findByFollowToken(reported.followToken() + "x")).isEmpty();
		byte[] cipher = jdbc.sql("select reporter_contact_cipher from rectification_case where id = :id")
				.param("id", reported.id()).query(byte[].class).single();
		assertThat(new String(cipher, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13800138000");
		assertThat(jdbc.sql("select kind || ':' || to_status || ':' || actor from case_event where case_id = :id")
				.param("id", reported.id()).query(String.class).list()).containsExactly("REPORTED:REPORTED:citizen");
	}

	@Test
	void aPositionAloneIsPlacedInTheCity() {
		var reported = cases.report(new NewCase(CaseSource.PATROL, "SANITATION", "垃圾堆放", null,
				new BigDecimal("23.10"), new BigDecimal("112.50"), null, null, null, null, null), "inspector");
		assertThat(cases.find(reported.id()).orElseThrow().regionPath()).startsWith("44.4412.");
	}

	@Test
	void badReportsAreRefusedNamingTheFieldAndStoreNothing() {
		long before = count();
		assertRefused(new NewCase(CaseSource.CITIZEN, "NO_SUCH", "x", null, null, null, "441202", null, null, null,
				null), "categoryCode");
		assertRefused(new NewCase(CaseSource.CITIZEN, "INFRASTRUCTURE", "a group, not a leaf", null, null, null,
				"441202", null, null, null, null), "categoryCode");
		assertRefused(new NewCase(CaseSource.CITIZEN, "SANITATION", "   ", null, null, null, "441202", null, null,
				null, null), "description");
		assertRefused(new NewCase(CaseSource.CITIZEN, "SANITATION", "x".repeat(2001), null, null, null, "441202",
				null, null, null, null), "description");
		assertRefused(new NewCase(CaseSource.CITIZEN, "SANITATION", "广州的问题", null, new BigDecimal("23.13"),
				new BigDecimal("113.26"), null, null, null, null, null), "latitude");
		assertRefused(new NewCase(CaseSource.CITIZEN, "SANITATION", "x", null, new BigDecimal("91"),
				new BigDecimal("112.5"), null, null, null, null, null), "latitude");
		assertRefused(new NewCase(CaseSource.CITIZEN, "SANITATION", "x", null, new BigDecimal("23.1"), null, null,
				null, null, null, null), "longitude");
		assertRefused(new NewCase(CaseSource.CITIZEN, "SANITATION", "广州的地区", null, null, null, "440106", null,
				null, null, null), "regionCode");
		assertRefused(new NewCase(CaseSource.CITIZEN, "SANITATION", "no place", null, null, null, null, null, null,
				null, null), "latitude");
		assertThat(count()).isEqualTo(before);
	}

	private void assertRefused(NewCase report, String field) {
		assertThatThrownBy(() -> cases.report(report, "citizen")).isInstanceOf(InvalidInputException.class)
				.extracting(e -> ((InvalidInputException) e).field()).isEqualTo(field);
	}

	private long count() {
		return jdbc.sql("select count(*) from rectification_case").query(Long.class).single();
	}
}
