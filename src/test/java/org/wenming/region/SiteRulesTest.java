package org.wenming.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The draft rules on their own, without Spring. */
class SiteRulesTest {

	private static SiteDraft draft(String name, String phone, String lat, String lon) {
		return new SiteDraft("441202001", SiteKind.POINT, name, false, null, null, null, phone,
				lat == null ? null : new BigDecimal(lat), lon == null ? null : new BigDecimal(lon), null).trimmed();
	}

	@Test
	void acceptsTheCitysOwnKindOfValues() {
		assertThat(SiteRules.check(draft("城东街道新时代文明实践所（星湖分站）", "0758-2281234", "23.047", "112.465"), true))
				.isEmpty();
		assertThat(SiteRules.check(draft("杏花社区·志愿服务点", "13812345678", null, null), true)).isEmpty();
		assertThat(SiteRules.check(draft("x", "400-123-4567", "3.9", "135"), true)).isEmpty();
		assertThat(SiteRules.check(draft("x", "0758-2281234-801", null, null), true)).isEmpty();
	}

	@Test
	void phonesMustLookLikeMainlandNumbers() {
		for (String bad : new String[] { "12345", "12812345678", "0758-22812", "+86 0758 2281234", "0758-2281234;" }) {
			assertThat(SiteRules.check(draft("x", bad, null, null), true)).as(bad)
					.containsExactly(new FieldProblem("contactPhone", "site.error.phone"));
		}
	}

	@Test
	void coordinatesMustBeInRangeAndInChinaAndComeInPairs() {
		assertThat(SiteRules.check(draft("x", null, "-91", "112"), true))
				.containsExactly(new FieldProblem("latitude", "site.error.latitude"));
		assertThat(SiteRules.check(draft("x", null, "112.465", "23.047"), true)).as("swapped")
				.containsExactly(new FieldProblem("latitude", "site.error.latitude"),
						new FieldProblem("longitude", "site.error.outsideChina"));
		assertThat(SiteRules.check(draft("x", null, "23.047", null), true))
				.containsExactly(new FieldProblem("longitude", "site.error.coordinatePair"));
	}

	@Test
	void lengthsCountCharactersNotBytes() {
		assertThat(SiteRules.check(draft("文".repeat(100), null, null, null), true)).isEmpty();
		assertThat(SiteRules.check(draft("文".repeat(101), null, null, null), true))
				.containsExactly(new FieldProblem("name", "site.error.tooLong.100"));
		assertThat(SiteRules.check(draft("𠀀".repeat(100), null, null, null), true)).as("outside the BMP").isEmpty();
	}

	@Test
	void regionAndKindCountOnlyWhenCreating() {
		SiteDraft noRegion = new SiteDraft(null, null, "x", false, null, null, null, null, null, null, null);
		assertThat(SiteRules.check(noRegion, true)).containsExactly(new FieldProblem("regionCode", "site.error.required"),
				new FieldProblem("kind", "site.error.required"));
		assertThat(SiteRules.check(noRegion, false)).isEmpty();
	}
}
