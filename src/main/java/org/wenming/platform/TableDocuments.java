package org.wenming.platform;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Tables of figures as downloads, the way every report of the platform offers them: an XLSX
 * workbook (one sheet per table, counts and percentages as numbers, so they can be summed) and an A4
 * landscape PDF set in Noto Sans SC ({@link PdfFonts}). A rate with nothing to divide by is written
 * {@value #NO_RATE}, never 0 or NaN.
 */
public final class TableDocuments {

	public static final String NO_RATE = "—";

	private static final Color HEAD = new Color(0xE8, 0xEE, 0xF4);

	/**
	 * A table to write.
	 *
	 * @param title the table's heading (and its sheet's name)
	 * @param header the column heads
	 * @param rows cells of text, numbers or {@link Rate}s
	 * @param nameColumn the column that names the line (left-aligned, wider)
	 */
	public record Table(String title, List<String> header, List<List<Object>> rows, int nameColumn) {

		public Table(String title, List<String> header, List<List<Object>> rows) {
			this(title, header, rows, 0);
		}
	}

	/** A cell that is a rate: in percent, or null for {@value #NO_RATE}. */
	public record Rate(BigDecimal percent) {
	}

	private TableDocuments() {
	}

	/**
	 * @param notes lines for a last sheet (definitions), none when empty
	 * @param notesTitle that sheet's name
	 */
	public static byte[] xlsx(List<Table> tables, List<String> notes, String notesTitle) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
		try {
			Workbook workbook = new Workbook(out, "Wenming", "1.0");
			List<String> used = new ArrayList<>();
			for (Table table : tables) {
				Worksheet sheet = workbook.newWorksheet(sheetName(table.title(), used));
				for (int c = 0; c < table.header().size(); c++) {
					sheet.value(0, c, table.header().get(c));
					sheet.style(0, c).bold().fillColor("E8EEF4").set();
				}
				int r = 1;
				for (List<Object> row : table.rows()) {
					for (int c = 0; c < row.size(); c++) {
						write(sheet, r, c, row.get(c));
					}
					r++;
				}
				sheet.width(table.nameColumn(), 28);
			}
			if (!notes.isEmpty()) {
				Worksheet sheet = workbook.newWorksheet(sheetName(notesTitle, used));
				for (int i = 0; i < notes.size(); i++) {
					sheet.value(i, 0, notes.get(i));
				}
				sheet.width(0, 120);
			}
			workbook.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static void write(Worksheet sheet, int r, int c, Object value) {
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

	/** Sheet names: at most 31 characters, none of []:*?/\ and unique within the workbook. */
	private static String sheetName(String title, List<String> used) {
		String name = title.replaceAll("[\\[\\]:*?/\\\\]", " ");
		name = name.length() > 28 ? name.substring(0, 28) : name;
		String unique = name;
		for (int i = 2; used.contains(unique); i++) {
			unique = name + " " + i;
		}
		used.add(unique);
		return unique;
	}

	/**
	 * @param subtitle the line under the title (period, scope)
	 * @param notes paragraphs after the tables (definitions)
	 * @param emptyTable what an empty table says, in the reader's language
	 */
	public static byte[] pdf(String title, String subtitle, List<Table> tables, List<String> notes, String emptyTable) {
		BaseFont base = PdfFonts.chinese();
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
		Document document = new Document(PageSize.A4.rotate(), 28, 28, 32, 32);
		try {
			PdfWriter.getInstance(document, out);
			document.addTitle(title);
			document.addCreator("Wenming");
			document.open();
			Paragraph heading = new Paragraph(title, new Font(base, 16, Font.NORMAL));
			heading.setSpacingAfter(4);
			document.add(heading);
			Paragraph sub = new Paragraph(subtitle, new Font(base, 9, Font.NORMAL, Color.DARK_GRAY));
			sub.setSpacingAfter(10);
			document.add(sub);
			Font cellFont = new Font(base, 7.5f, Font.NORMAL);
			for (Table table : tables) {
				Paragraph tableTitle = new Paragraph(table.title(), new Font(base, 11, Font.NORMAL));
				tableTitle.setSpacingBefore(6);
				tableTitle.setSpacingAfter(4);
				document.add(tableTitle);
				document.add(pdfTable(table, cellFont, emptyTable));
			}
			Font noteFont = new Font(base, 7.5f, Font.NORMAL, Color.DARK_GRAY);
			for (String note : notes) {
				Paragraph p = new Paragraph(note, noteFont);
				p.setSpacingBefore(3);
				document.add(p);
			}
			document.close();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	private static PdfPTable pdfTable(Table table, Font font, String emptyTable) throws DocumentException {
		PdfPTable pdfTable = new PdfPTable(table.header().size());
		pdfTable.setWidthPercentage(100);
		pdfTable.setHeaderRows(1);
		float[] widths = new float[table.header().size()];
		Arrays.fill(widths, 1);
		widths[table.nameColumn()] = 2.4f;
		pdfTable.setWidths(widths);
		for (String head : table.header()) {
			PdfPCell cell = new PdfPCell(new Phrase(head, font));
			cell.setBackgroundColor(HEAD);
			cell.setPadding(3);
			pdfTable.addCell(cell);
		}
		for (List<Object> row : table.rows()) {
			for (int c = 0; c < row.size(); c++) {
				PdfPCell cell = new PdfPCell(new Phrase(text(row.get(c)), font));
				cell.setPadding(3);
				cell.setHorizontalAlignment(c == table.nameColumn() ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
				pdfTable.addCell(cell);
			}
		}
		if (table.rows().isEmpty()) {
			PdfPCell none = new PdfPCell(new Phrase(emptyTable, font));
			none.setColspan(table.header().size());
			pdfTable.addCell(none);
		}
		return pdfTable;
	}

	/** A cell as text: a rate with "%", a number in plain notation. */
	public static String text(Object value) {
		if (value instanceof Rate rate) {
			return rate.percent() == null ? NO_RATE : rate.percent().toPlainString() + "%";
		}
		if (value instanceof BigDecimal number) {
			return number.toPlainString();
		}
		return value == null ? "" : value.toString();
	}
}
