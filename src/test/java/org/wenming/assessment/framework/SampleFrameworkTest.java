package org.wenming.assessment.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenming.assessment.PlaceType;
import org.wenming.assessment.ScoringRule;
import org.wenming.casework.Cases;
import org.wenming.support.WenmingTest;

/**
 * The shipped sample framework: every place type has its checklist (15 to 30 criteria, 100 marks),
 * every criterion passes the rules and names a casework category that exists, codes are unique, and
 * it loads as a draft with all its rows.
 */
@WenmingTest
class SampleFrameworkTest {

	@Autowired
	SampleFramework sample;

	@Autowired
	Frameworks frameworks;

	@Autowired
	Cases cases;

	@Test
	void everyPlaceTypeHasItsChecklistAndEveryRowPassesTheRules() {
		FrameworkContent.Checked checked = sample.check();
		assertThat(checked.errors()).isEmpty();
		assertThat(checked.items()).hasSize(12);
		assertThat(checked.criteria()).hasSizeBetween(200, 400);

		Map<PlaceType, Integer> counts = new EnumMap<>(PlaceType.class);
		Map<PlaceType, BigDecimal> marks = new EnumMap<>(PlaceType.class);
		Set<String> codes = new HashSet<>();
		Set<ScoringRule> rules = new HashSet<>();
		for (CriterionRules.Checked c : checked.criteria()) {
			counts.merge(c.placeType(), 1, Integer::sum);
			marks.merge(c.placeType(), c.rule().fullMarks(), BigDecimal::add);
			assertThat(codes.add(c.code())).as("unique code %s", c.code()).isTrue();
			rules.add(c.rule().rule());
			assertThat(cases.category(c.caseCategory())).as(c.code()).hasValueSatisfying(cat -> {
				assertThat(cat.leaf()).isTrue();
				assertThat(cat.active()).isTrue();
			});
		}
		assertThat(counts.keySet()).containsExactlyInAnyOrder(PlaceType.values());
		counts.forEach((type, n) -> assertThat(n).as(type.name()).isBetween(15, 30));
		marks.forEach((type, total) -> assertThat(total).as(type.name()).isEqualByComparingTo("100"));
		assertThat(rules).containsExactlyInAnyOrder(ScoringRule.values());
		// every item heads criteria
		Set<String> used = new HashSet<>();
		checked.criteria().forEach(c -> used.add(c.itemCode()));
		assertThat(used).hasSize(12);
	}

	@Test
	void itLoadsAsADraftWithAllItsRows() {
		String name = FrameworkFixtures.name("示例");
		long id = sample.loadDraft(name, "tester");
		FrameworkSummary summary = frameworks.find(id).orElseThrow();
		assertThat(summary.status()).isEqualTo(FrameworkStatus.DRAFT);
		assertThat(summary.criteria()).isEqualTo(sample.check().criteria().size());
		assertThat(summary.items()).isEqualTo(12);
		List<CriterionView> busStops = frameworks.criteria(id, PlaceType.BUS_STOP);
		assertThat(busStops.get(0).code()).isEqualTo("BS-01");
		assertThat(busStops).extracting(CriterionView::position).isSorted().doesNotHaveDuplicates();
		assertThat(frameworks.isEmpty()).isFalse();
	}
}
