package org.wenming.insight.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.wenming.insight.CockpitFigures;
import org.wenming.platform.TableDocuments;
import org.wenming.platform.TableDocuments.Rate;
import org.wenming.platform.TableDocuments.Table;

/**
 * The cockpit's tables as downloads, exactly as the page shows them (XLSX and PDF, written by
 * {@link TableDocuments}).
 */
@Component
class CockpitDocuments {

	private final MessageSource messages;

	CockpitDocuments(MessageSource messages) {
		this.messages = messages;
	}

	private String t(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}

	String title(CockpitFigures f, Locale locale) {
		return t("insight.cockpit.title", locale, f.regionName()) + " · "
				+ (f.month() != null ? f.month() : String.valueOf(f.year()));
	}

	/** The tables the page shows: the regions below (with the region's own total last) and, for a town, its sites. */
	List<Table> tables(CockpitFigures f, Locale locale) {
		List<Table> tables = new ArrayList<>();
		List<String> header = List.of(t("insight.cockpit.region", locale), t("insight.cockpit.volunteers", locale),
				t("insight.cockpit.newVolunteers", locale), t("insight.cockpit.teams", locale),
				t("insight.cockpit.hours", locale), t("insight.cockpit.activities", locale),
				t("insight.cockpit.lectures", locale), t("insight.cockpit.audience", locale),
				t("insight.completion.found", locale), t("insight.completion.closed", locale),
				t("insight.completion.rate", locale));
		List<List<Object>> rows = new ArrayList<>();
		for (CockpitFigures.Line line : f.lines()) {
			rows.add(row(line.name(), line));
		}
		rows.add(row(t("insight.completion.total", locale) + " " + f.regionName(), f.total()));
		tables.add(new Table(t("insight.cockpit.byRegion", locale), header, rows));
		if (!f.sites().isEmpty()) {
			List<List<Object>> siteRows = new ArrayList<>();
			for (CockpitFigures.SiteLine s : f.sites()) {
				siteRows.add(List.of(s.name(), t("insight.siteKind." + s.kind(), locale),
						s.demonstration() ? t("insight.cockpit.yes", locale) : "", s.activities(), s.hours()));
			}
			tables.add(new Table(t("insight.cockpit.sites", locale), List.of(t("insight.cockpit.site", locale),
					t("insight.cockpit.siteKind", locale), t("insight.cockpit.demonstration", locale),
					t("insight.cockpit.activities", locale), t("insight.cockpit.hours", locale)), siteRows));
		}
		return tables;
	}

	private static List<Object> row(String name, CockpitFigures.Line l) {
		List<Object> row = new ArrayList<>();
		row.add(name);
		row.add(l.volunteers());
		row.add(l.newVolunteers());
		row.add(l.teams());
		row.add(l.hours());
		row.add(l.activities());
		row.add(l.lectures());
		row.add(l.lectureAudience());
		row.add(l.casesFound());
		row.add(l.casesClosed());
		row.add(new Rate(l.completion()));
		return row;
	}

	byte[] xlsx(CockpitFigures f, Locale locale) {
		return TableDocuments.xlsx(tables(f, locale), List.of(), "");
	}

	byte[] pdf(CockpitFigures f, Locale locale) {
		return TableDocuments.pdf(title(f, locale),
				t("insight.cockpit.period", locale, f.from().toString(), f.to().minusDays(1).toString()),
				tables(f, locale), List.of(t("insight.cockpit.definition", locale)), t("insight.top.none", locale));
	}
}
