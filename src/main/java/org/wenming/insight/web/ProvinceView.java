package org.wenming.insight.web;

import java.util.List;
import java.util.Map;

import org.wenming.insight.ProvinceFigures;
import org.wenming.region.Region;

/** The province figures page: the year's lines, the form (with its errors) and an import's problems. */
public record ProvinceView(int year, List<ProvinceFigures.Line> lines, List<Region> cities,
		ProvinceFigures.Entry entry, Map<String, String> errors, List<ProvinceFigures.RowProblem> importProblems,
		String notice) {

	public boolean has(String field) {
		return errors.containsKey(field);
	}

	public String error(String field) {
		return errors.get(field);
	}

	public String describedBy(String field) {
		return has(field) ? field + "-error" : null;
	}
}
