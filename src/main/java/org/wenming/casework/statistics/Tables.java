package org.wenming.casework.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.wenming.platform.TableDocuments;

/** The statistics report and a red/black list laid out as tables for the downloads, in the reader's language. */
@Component
class Tables {

	/** The figures' columns, in the order of the page. */
	static final List<String> COLUMNS = List.of("found", "registered", "closed", "completionRate", "due",
			"closedOnTime", "onTimeRate", "fixed", "reworked", "reworkRate", "averageDays", "overdueNow");

	static final List<String> DEFINED = List.of("found", "registered", "closed", "completionRate", "due",
			"closedOnTime", "onTimeRate", "reworkRate", "averageDays", "overdueNow");

	/** Which tables a download holds: all, or the one asked for. */
	enum Which {
		ALL, REGIONS, CATEGORIES, UNITS
	}

	private final Documents documents;

	Tables(Documents documents) {
		this.documents = documents;
	}

	List<TableDocuments.Table> statistics(CaseStatistics.Report report, Which which, Locale locale) {
		boolean chinese = "zh".equals(locale.getLanguage());
		List<TableDocuments.Table> tables = new ArrayList<>();
		if (which == Which.ALL || which == Which.REGIONS) {
			tables.add(table(t("casework.statistics.byRegion", locale, report.query().region().name()),
					t("casework.statistics.col.region", locale), report.byRegion(), report.total(), chinese, locale));
		}
		if (which == Which.ALL || which == Which.CATEGORIES) {
			tables.add(table(t("casework.statistics.byCategory", locale), t("casework.statistics.col.category", locale),
					report.byCategory(), report.total(), chinese, locale));
		}
		if (which == Which.ALL || which == Which.UNITS) {
			tables.add(table(t("casework.statistics.byUnit", locale), t("casework.statistics.col.unit", locale),
					report.byUnit(), report.total(), chinese, locale));
		}
		return tables;
	}

	private TableDocuments.Table table(String title, String first, List<CaseStatistics.Line> lines, Figures total,
			boolean chinese, Locale locale) {
		List<String> header = new ArrayList<>();
		header.add(first);
		COLUMNS.forEach(c -> header.add(t("casework.statistics.col." + c, locale)));
		List<List<Object>> rows = new ArrayList<>();
		for (CaseStatistics.Line line : lines) {
			rows.add(row(lineName(line, chinese, locale), line.figures()));
		}
		rows.add(row(t("casework.statistics.total", locale), total));
		return new TableDocuments.Table(title, header, rows);
	}

	String lineName(CaseStatistics.Line line, boolean chinese, Locale locale) {
		return switch (line.kind()) {
			case NO_UNIT -> t("casework.statistics.noUnit", locale);
			case REGION_ITSELF -> t("casework.statistics.regionItself", locale, line.name());
			case CATEGORY -> (line.key().isEmpty() ? "" : "  ") + line.name(chinese);
			default -> line.name(chinese);
		};
	}

	static List<Object> row(String name, Figures f) {
		List<Object> row = new ArrayList<>();
		row.add(name);
		row.add(f.found());
		row.add(f.registered());
		row.add(f.closed());
		row.add(new TableDocuments.Rate(f.completionRate()));
		row.add(f.due());
		row.add(f.closedOnTime());
		row.add(new TableDocuments.Rate(f.onTimeRate()));
		row.add(f.fixed());
		row.add(f.reworked());
		row.add(new TableDocuments.Rate(f.reworkRate()));
		row.add(f.averageDaysToClose() == null ? TableDocuments.NO_RATE : f.averageDaysToClose());
		row.add(f.overdueNow());
		return row;
	}

	/** Each figure's definition, one line each, for the downloads. */
	List<String> definitions(Locale locale) {
		List<String> notes = new ArrayList<>();
		notes.add(t("casework.statistics.definitions", locale));
		DEFINED.forEach(c -> notes.add(t("casework.statistics.col." + c, locale) + ": "
				+ t("casework.statistics.def." + c, locale)));
		return notes;
	}

	List<TableDocuments.Table> ranking(Ranking ranking, Locale locale) {
		List<TableDocuments.Table> tables = new ArrayList<>();
		tables.add(rankingTable(t("casework.rankings.districtsRed", locale), ranking.districtsRed(), locale));
		tables.add(rankingTable(t("casework.rankings.districtsBlack", locale), ranking.districtsBlack(), locale));
		tables.add(rankingTable(t("casework.rankings.unitsRed", locale), ranking.unitsRed(), locale));
		tables.add(rankingTable(t("casework.rankings.unitsBlack", locale), ranking.unitsBlack(), locale));
		return tables;
	}

	private TableDocuments.Table rankingTable(String title, List<Ranking.Entry> entries, Locale locale) {
		List<String> header = List.of(t("casework.rankings.col.position", locale),
				t("casework.rankings.col.name", locale), t("casework.statistics.col.found", locale),
				t("casework.statistics.col.closed", locale), t("casework.statistics.col.completionRate", locale),
				t("casework.statistics.col.due", locale), t("casework.statistics.col.closedOnTime", locale),
				t("casework.statistics.col.onTimeRate", locale), t("casework.statistics.col.overdueNow", locale),
				t("casework.rankings.col.score", locale));
		List<List<Object>> rows = new ArrayList<>();
		for (Ranking.Entry e : entries) {
			rows.add(List.of(e.position(), e.name(), e.found(), e.closed(), new TableDocuments.Rate(e.completionRate()),
					e.due(), e.closedOnTime(), new TableDocuments.Rate(e.onTimeRate()), e.overdueNow(), e.score()));
		}
		return new TableDocuments.Table(title, header, rows, 1);
	}

	List<String> rankingNotes(Locale locale) {
		return List.of(t("casework.rankings.scoreRule", locale), t("casework.statistics.col.completionRate", locale)
				+ ": " + t("casework.statistics.def.completionRate", locale),
				t("casework.statistics.col.onTimeRate", locale) + ": " + t("casework.statistics.def.onTimeRate", locale),
				t("casework.statistics.col.overdueNow", locale) + ": " + t("casework.statistics.def.overdueNow", locale));
	}

	String t(String key, Locale locale, Object... args) {
		return documents.t(key, locale, args);
	}
}
