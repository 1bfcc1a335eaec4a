package org.wenming.assessment.framework;

import java.math.BigDecimal;
import java.util.UUID;

/** Names of their own for each test's frameworks (the suite shares one database), and criteria to add. */
final class FrameworkFixtures {

	private FrameworkFixtures() {
	}

	static String name(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static CriterionDraft passFail(String code, String type) {
		return new CriterionDraft("I01", type, code, "路面无垃圾杂物", new BigDecimal("5"), "PASS_FAIL", null, null,
				"SANITATION");
	}

	static CriterionDraft deduction(String code, String type) {
		return new CriterionDraft("I01", type, code, "每发现一处乱贴乱画扣0.5分", new BigDecimal("4"), "DEDUCTION",
				new BigDecimal("0.5"), null, "PUBLIC_BEHAVIOUR");
	}

	static CriterionDraft count(String code, String type) {
		return new CriterionDraft("I02", type, code, "公益广告不少于5处，每少1处扣1分", new BigDecimal("6"), "COUNT_TARGET",
				new BigDecimal("1"), 5, "BUILDING_FACADE");
	}

	/** A draft with two items and three criteria of MAIN_ROAD (one per rule) and one of BUS_STOP. */
	static long draftWithCriteria(Frameworks frameworks, String name) {
		long id = frameworks.createDraft(name, "测试体系", "tester");
		frameworks.addItem(id, "I01", "公共环境卫生");
		frameworks.addItem(id, "I02", "公益广告宣传");
		frameworks.addCriterion(id, passFail("MR-01", "MAIN_ROAD"));
		frameworks.addCriterion(id, deduction("MR-02", "主次干道"));
		frameworks.addCriterion(id, count("MR-03", "MAIN_ROAD"));
		frameworks.addCriterion(id, passFail("BS-01", "BUS_STOP"));
		return id;
	}
}
