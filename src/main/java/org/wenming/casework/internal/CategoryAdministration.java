package org.wenming.casework.internal;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.Cases;

/**
 * Keeping the category tree (Open311's services come from it): names and deadlines edited, leaves
 * added under a group or deactivated (never deleted: cases keep their category).
 */
@Service
public class CategoryAdministration {

	/** A category as edited: names, and for a leaf its deadline and whether new cases may use it. */
	public record Edit(String nameZh, String nameEn, String deadlineAmount, String deadlineUnit, boolean active) {
	}

	private final JdbcClient jdbc;

	private final Cases cases;

	CategoryAdministration(JdbcClient jdbc, Cases cases) {
		this.jdbc = jdbc;
		this.cases = cases;
	}

	public void update(String code, Edit edit, String by) {
		CaseCategory category = cases.category(code)
				.orElseThrow(() -> CaseRefusedException.invalid("code", "casework.category.unknown"));
		String zh = CaseWorkflow.text("nameZh", edit.nameZh(), 60);
		String en = CaseWorkflow.text("nameEn", edit.nameEn(), 80);
		if (!category.leaf()) {
			jdbc.sql("update case_category set name_zh = :zh, name_en = :en, updated_at = now(), updated_by = :by where code = :code")
					.param("zh", zh).param("en", en).param("by", by).param("code", code).update();
			return;
		}
		int amount = amount(edit.deadlineAmount());
		String unit = unit(edit.deadlineUnit());
		jdbc.sql("""
				update case_category set name_zh = :zh, name_en = :en, deadline_amount = :amount, deadline_unit = :unit,
				    active = :active, updated_at = now(), updated_by = :by
				where code = :code""").param("zh", zh).param("en", en).param("amount", amount).param("unit", unit)
				.param("active", edit.active()).param("by", by).param("code", code).update();
	}

	public void addLeaf(String code, String parentCode, Edit edit, String by) {
		String text = code == null ? "" : code.strip();
		if (!text.matches("[A-Z][A-Z0-9_]{1,31}")) {
			throw CaseRefusedException.invalid("code", "casework.category.code");
		}
		CaseCategory parent = cases.category(parentCode).filter(c -> !c.leaf())
				.orElseThrow(() -> CaseRefusedException.invalid("parentCode", "casework.category.parent"));
		String zh = CaseWorkflow.text("nameZh", edit.nameZh(), 60);
		String en = CaseWorkflow.text("nameEn", edit.nameEn(), 80);
		int amount = amount(edit.deadlineAmount());
		String unit = unit(edit.deadlineUnit());
		try {
			jdbc.sql("""
					insert into case_category (code, parent_code, name_zh, name_en, deadline_amount, deadline_unit,
					    sort_order, updated_by)
					values (:code, :parent, :zh, :en, :amount, :unit,
					    (select coalesce(max(sort_order), 0) + 10 from case_category where parent_code = :parent), :by)""")
					.param("code", text).param("parent", parent.code()).param("zh", zh).param("en", en)
					.param("amount", amount).param("unit", unit).param("by", by).update();
		}
		catch (DuplicateKeyException ex) {
			throw CaseRefusedException.invalid("code", "casework.category.duplicate");
		}
	}

	private static int amount(String value) {
		if (value == null || !value.strip().matches("\\d{1,4}") || Integer.parseInt(value.strip()) < 1
				|| Integer.parseInt(value.strip()) > 1000) {
			throw CaseRefusedException.invalid("deadlineAmount", "casework.category.amount");
		}
		return Integer.parseInt(value.strip());
	}

	private static String unit(String value) {
		if (!"WORKING_DAYS".equals(value) && !"WORKING_HOURS".equals(value)) {
			throw CaseRefusedException.invalid("deadlineUnit", "casework.category.unit");
		}
		return value;
	}
}
