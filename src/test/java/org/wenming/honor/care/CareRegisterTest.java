package org.wenming.honor.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.wenming.honor.HonorTestRows;
import org.wenming.honor.Honour;
import org.wenming.region.FieldProblem;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Care measures and the register against the real database: measures created, edited and retired by
 * staff in scope; grants refused (amount, day, measure, entry out of scope) naming the field with nothing
 * stored; totals equal to the sum of the grants; a withdrawn consent still seen by staff.
 */
@WenmingTest
class CareRegisterTest {

	@Autowired
	CareMeasures measures;

	@Autowired
	CareGrants grants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	ScopedUser city;

	ScopedUser duanzhou;

	ScopedUser dinghu;

	String tag;

	@BeforeEach
	void setUp() {
		TestUsers users = new TestUsers(regions);
		city = users.staffPrincipal("4412", Roles.OFFICE_STAFF);
		duanzhou = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		dinghu = users.staffPrincipal("441203", Roles.OFFICE_STAFF);
		tag = UUID.randomUUID().toString().substring(0, 8);
	}

	long grantCount() {
		return jdbc.sql("select count(*) from honor_care_grant").query(Long.class).single();
	}

	static List<String> fields(CareRefusedException ex) {
		return ex.problems().stream().map(FieldProblem::field).toList();
	}

	@Test
	void measuresAreKeptByStaffInScope() {
		CareMeasure m = measures.create("441202", "HC" + tag, "HEALTH_CHECK", "免费体检" + tag, "每年一次", "300", duanzhou);
		assertThat(m.kind()).isEqualTo(CareKind.HEALTH_CHECK);
		assertThat(m.defaultAmount()).isEqualByComparingTo("300");
		CareMeasure edited = measures.update(m.id(), "OTHER", "体检套餐" + tag, "", "", duanzhou);
		assertThat(edited.name()).isEqualTo("体检套餐" + tag);
		assertThat(edited.defaultAmount()).isNull();
		assertThat(measures.setActive(m.id(), false, duanzhou).active()).isFalse();
		// the same code twice, another county's office, a bad kind and amount: refused, naming each field
		assertThatThrownBy(() -> measures.create("441202", "HC" + tag, "HEALTH_CHECK", "重复", "", "", duanzhou))
				.isInstanceOfSatisfying(CareRefusedException.class, ex -> assertThat(fields(ex)).containsExactly("code"));
		assertThatThrownBy(() -> measures.create("441203", "X" + tag, "NOPE", "", "", "-1", duanzhou))
				.isInstanceOfSatisfying(CareRefusedException.class,
						ex -> assertThat(fields(ex)).containsExactlyInAnyOrder("regionCode", "kind", "name", "defaultAmount"));
		assertThatThrownBy(() -> measures.create("441202001", "T" + tag, "OTHER", "镇里的", "", "", duanzhou))
				.isInstanceOfSatisfying(CareRefusedException.class, ex -> assertThat(fields(ex)).containsExactly("regionCode"));
		// another county's staff do not find it; a person without an office role may not at all
		assertThatThrownBy(() -> measures.findForStaff(m.id(), dinghu)).isInstanceOf(OutOfScopeException.class);
		assertThatThrownBy(() -> measures.update(m.id(), "OTHER", "改名", "", "", dinghu))
				.isInstanceOf(OutOfScopeException.class);
		ScopedUser siteAdmin = new TestUsers(regions).staffPrincipal("441202", Roles.SITE_ADMIN);
		assertThatThrownBy(() -> measures.visibleTo(siteAdmin)).isInstanceOf(AccessDeniedException.class);
		// the county's staff see the city's measures too (they grant them), the city's staff not the county's... but all below
		CareMeasure cityMeasure = measures.create("4412", "CT" + tag, "TRANSIT", "公交卡" + tag, "", "", city);
		assertThat(measures.visibleTo(duanzhou)).extracting(CareMeasure::id).contains(m.id(), cityMeasure.id());
		assertThat(measures.visibleTo(dinghu)).extracting(CareMeasure::id).contains(cityMeasure.id())
				.doesNotContain(m.id());
		assertThat(measures.visibleTo(city)).extracting(CareMeasure::id).contains(m.id(), cityMeasure.id());
	}

	@Test
	void badGrantsAreRefusedNamingTheFieldAndNothingIsStored() {
		long entry = HonorTestRows.rollEntry(jdbc, "端州好人" + tag, "441202001002", Honour.CITY_GOOD, "2026Q3", "GIVEN");
		long dinghuEntry = HonorTestRows.rollEntry(jdbc, "鼎湖好人" + tag, "441203", Honour.CITY_GOOD, "2026Q3", "GIVEN");
		CareMeasure aid = measures.create("4412", "AID" + tag, "HARDSHIP_AID", "困难帮扶" + tag, "", "2000", city);
		CareMeasure dinghuOnly = measures.create("441203", "DH" + tag, "SCENIC", "鼎湖景区" + tag, "", "", dinghu);
		String today = LocalDate.now(CityTime.ZONE).toString();
		long before = grantCount();
		expectRefused(() -> grants.grant(entry, String.valueOf(aid.id()), "", today, null, duanzhou), "amount");
		expectRefused(() -> grants.grant(entry, String.valueOf(aid.id()), "-5", today, null, duanzhou), "amount");
		expectRefused(() -> grants.grant(entry, String.valueOf(aid.id()), "12.345", today, null, duanzhou), "amount");
		expectRefused(() -> grants.grant(entry, String.valueOf(aid.id()), "abc", today, null, duanzhou), "amount");
		expectRefused(() -> grants.grant(entry, String.valueOf(aid.id()), "3000",
				LocalDate.now(CityTime.ZONE).plusDays(1).toString(), null, duanzhou), "grantedOn");
		expectRefused(() -> grants.grant(entry, String.valueOf(aid.id()), "3000", "2026-02-30", null, duanzhou),
				"grantedOn");
		expectRefused(() -> grants.grant(entry, String.valueOf(aid.id()), "3000", "", null, duanzhou), "grantedOn");
		expectRefused(() -> grants.grant(entry, "x", "3000", today, null, duanzhou), "measureId");
		// a measure of another county's office does not cover a person of 端州区
		expectRefused(() -> grants.grant(entry, String.valueOf(dinghuOnly.id()), "", today, null, city), "measureId");
		// a roll entry of 鼎湖区 is not in 端州区's register
		expectRefused(() -> grants.grant(dinghuEntry, String.valueOf(aid.id()), "3000", today, null, duanzhou),
				"rollEntryId");
		expectRefused(() -> grants.grant(Long.MAX_VALUE, String.valueOf(aid.id()), "3000", today, null, duanzhou),
				"rollEntryId");
		expectRefused(() -> grants.grant(entry, String.valueOf(aid.id()), "3000", today, "很".repeat(501), duanzhou),
				"note");
		assertThat(grantCount()).isEqualTo(before);
		// a retired measure is not granted
		measures.setActive(aid.id(), false, city);
		expectRefused(() -> grants.grant(entry, String.valueOf(aid.id()), "3000", today, null, duanzhou), "measureId");
		assertThat(grantCount()).isEqualTo(before);
		assertThatThrownBy(() -> grants.ofEntry(dinghuEntry, duanzhou)).isInstanceOf(OutOfScopeException.class);
	}

	void expectRefused(Runnable call, String field) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(CareRefusedException.class,
				ex -> assertThat(fields(ex)).containsExactly(field));
	}

	@Test
	void totalsAreTheSumOfTheGrants() {
		long first = HonorTestRows.rollEntry(jdbc, "甲" + tag, "441202001002", Honour.NATION_GOOD, "2026Q2", "GIVEN");
		long second = HonorTestRows.rollEntry(jdbc, "乙" + tag, "441203", Honour.CITY_GOOD, "2026Q2", "WITHDRAWN");
		CareMeasure aid = measures.create("4412", "AID" + tag, "HARDSHIP_AID", "困难帮扶" + tag, "", "", city);
		CareMeasure check = measures.create("4412", "HC" + tag, "HEALTH_CHECK", "体检" + tag, "", "450.50", city);
		int year = LocalDate.now(CityTime.ZONE).getYear();
		String day = LocalDate.of(year, 1, 2).toString();
		String lastYear = LocalDate.of(year - 1, 6, 1).toString();
		CareGrants.Grant a = grants.grant(first, String.valueOf(aid.id()), "2000", day, "春节慰问", city);
		grants.grant(first, String.valueOf(aid.id()), "3000.5", lastYear, null, duanzhou);
		grants.grant(second, String.valueOf(aid.id()), "4999.99", day, null, dinghu);
		CareGrants.Grant c = grants.grant(first, String.valueOf(check.id()), "", day, null, duanzhou);
		assertThat(a.amount()).isEqualByComparingTo("2000.00");
		assertThat(c.amount()).as("the measure's usual amount").isEqualByComparingTo("450.50");

		CareGrants.Totals all = grants.totals(new CareGrants.Filter(null, aid.id(), null), city);
		assertThat(all.grants()).isEqualTo(3);
		assertThat(all.amount()).isEqualByComparingTo("10000.49");
		assertThat(all.byMeasureAndYear()).hasSize(2);
		assertThat(all.byCounty()).extracting(CareGrants.Total::key).containsExactly("441202", "441203");
		assertThat(all.byCounty()).extracting(CareGrants.Total::amount)
				.usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("5000.50"),
						new BigDecimal("4999.99"));
		CareGrants.Totals thisYear = grants.totals(new CareGrants.Filter(year, aid.id(), null), city);
		assertThat(thisYear.amount()).isEqualByComparingTo("6999.99");
		assertThat(thisYear.grants()).isEqualTo(2);
		// the same sums as the register's rows
		BigDecimal listed = grants.all(new CareGrants.Filter(year, aid.id(), null), city).stream()
				.map(CareGrants.Grant::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(listed).isEqualByComparingTo(thisYear.amount());
		// a county sees its own only
		assertThat(grants.totals(new CareGrants.Filter(null, aid.id(), null), duanzhou).amount())
				.isEqualByComparingTo("5000.50");
		assertThat(grants.totals(new CareGrants.Filter(null, aid.id(), "441203"), city).grants()).isEqualTo(1);
		// paging: 2 of 3 per page
		assertThat(grants.register(new CareGrants.Filter(null, aid.id(), null), 1, 2, city).items()).hasSize(1);
		assertThat(grants.register(new CareGrants.Filter(null, aid.id(), null), 0, 2, city).total()).isEqualTo(3);
		// the person who withdrew consent: still in the register, and the page is told
		CareGrants.Honoured withdrawn = grants.honouredForStaff(second, dinghu);
		assertThat(withdrawn.consentWithdrawn()).isTrue();
		assertThat(grants.honouredForStaff(first, city).consentGiven()).isTrue();
		assertThat(grants.ofEntry(first, city)).hasSize(3);
	}
}
