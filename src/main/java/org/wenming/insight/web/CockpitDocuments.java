package org.wenming.insight.web;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.wenming.insight.CockpitFigures;
import org.wenming.platform.PdfFonts;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The cockpit's tables as downloads, exactly as the page shows them: an XLSX workbook (one sheet per
 * table, numbers as numbers) and an A4 landscape PDF in Noto Sans SC. A rate with nothing to divide
 * by is "—", never 0.
 */
@Component
class CockpitDocuments {

	static final String NO_RATE = "—";

	private static final Color HEAD = new Color(0xE8, 0xEE, 0xF4);

	/** A table: title, column heads, rows of text or numbers (BigDecimal rates already in percent, null for "—"). */
	record Table(String title, List<String> header, List<List<Object>> rows) {
	}

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

	/** A percentage cell: null prints "—". */
	record Rate(BigDecimal percent) {
	}

	byte[] xlsx(CockpitFigures f, Locale locale) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
		try {
			Workbook workbook = new Workbook(out, "Wenming", "1.0");
			int n = 1;
			for (Table table : tables(f, locale)) {
				Worksheet sheet = workbook.newWorksheet(n++ + " " + table.title().replaceAll("[\\[\\]:*?/\\\\]", " ")
					.substring(0, Math.min(26, table.title().length())));
				for (int c = 0; c < table.header().size(); c++) {
					sheet.value(0, c, table.header().get(c));
					sheet.style(0, c).bold().fillColor("E8EEF4").set();
				}
				int r = 1;
				for (List<Object> row : table.rows()) {
					for (int c = 0; c < row.size(); c++) {
						Object value = row.get(c);
						if (value instanceof Rate rate) {
							if (rate.percent() == null) {
								sheet.value(r, c, NO_RATE);
							}
							else {
								sheet.value(r, c, rate.percent());
							}
						}
						else if (value instanceof Number number) {
							sheet.value(r, c, number);
						}
						else if (value != null) {
							sheet.value(r, c, value.toString());
						}
					}
					r++;
				}
				sheet.width(0, 28);
			}
			workbook.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	byte[] pdf(CockpitFigures f, Locale locale) {
		BaseFont base = PdfFonts.chinese();
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
		Document document = new Document(PageSize.A4.rotate(), 28, 28, 32, 32);
		try {
			PdfWriter.getInstance(document, out);
			String title = title(f, locale);
			document.addTitle(title);
			document.addCreator("Wenming");
			document.open();
			Paragraph heading = new Paragraph(title, new Font(base, 16, Font.NORMAL));
			heading.setSpacingAfter(4);
			document.add(heading);
			Paragraph sub = new Paragraph(t("insight.cockpit.period", locale, f.from().toString(),
					f.to().minusDays(1).toString()), new Font(base, 9, Font.NORMAL, Color.DARK_GRAY));
			sub.setSpacingAfter(10);
			document.add(sub);
			Font cellFont = new Font(base, 7.5f, Font.NORMAL);
			for (Table table : tables(f, locale)) {
				Paragraph tableTitle = new Paragraph(table.title(), new Font(base, 11, Font.NORMAL));
				tableTitle.setSpacingBefore(6);
				tableTitle.setSpacingAfter(4);
				document.add(tableTitle);
				PdfPTable pdfTable = new PdfPTable(table.header().size());
				pdfTable.setWidthPercentage(100);
				pdfTable.setHeaderRows(1);
				float[] widths = new float[table.header().size()];
				java.util.Arrays.fill(widths, 1);
				widths[0] = 2.4f;
				pdfTable.setWidths(widths);
				for (String head : table.header()) {
					PdfPCell cell = new PdfPCell(new Phrase(head, cellFont));
					cell.setBackgroundColor(HEAD);
					cell.setPadding(3);
					pdfTable.addCell(cell);
				}
				for (List<Object> row : table.rows()) {
					for (int c = 0; c < row.size(); c++) {
						PdfPCell cell = new PdfPCell(new Phrase(text(row.get(c)), cellFont));
						cell.setPadding(3);
						cell.setHorizontalAlignment(c == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
						pdfTable.addCell(cell);
					}
				}
				document.add(pdfTable);
			}
			Paragraph note = new Paragraph(t("insight.cockpit.definition", locale),
					new Font(base, 7.5f, Font.NORMAL, Color.DARK_GRAY));
			note.setSpacingBefore(6);
			document.add(note);
			document.close();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	static String text(Object value) {
		if (value instanceof Rate rate) {
			return rate.percent() == null ? NO_RATE : rate.percent().toPlainString() + "%";
		}
		if (value instanceof BigDecimal number) {
			return number.toPlainString();
		}
		return value == null ? "" : value.toString();
	}
}
