package org.wenming.casework.statistics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/** Reading the downloads back, as a reader's software would. */
final class Workbooks {

	private Workbooks() {
	}

	static List<String> sheetNames(byte[] xlsx) throws IOException {
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
			return workbook.getSheets().map(Sheet::getName).toList();
		}
	}

	/** The sheet's cells as text, row by row. */
	static List<List<String>> sheet(byte[] xlsx, String name) throws IOException {
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getSheets().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
			List<List<String>> rows = new ArrayList<>();
			for (Row row : sheet.read()) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < row.getCellCount(); c++) {
					cells.add(row.getCellText(c));
				}
				rows.add(cells);
			}
			return rows;
		}
	}

	/** The PDF's text in reading order, without white space. */
	static String pdfText(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDFTextStripper stripper = new PDFTextStripper();
			stripper.setSortByPosition(true);
			// PDFBox may put a space after a line's first CJK glyph: compare the text without spaces
			return stripper.getText(document).replaceAll("\\s+", "");
		}
	}
}
