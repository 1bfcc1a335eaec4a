package org.wenming.catalogue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;

/**
 * The catalogue as a workbook (XLSX, FastExcel): the export of a search and the import that adds or changes items
 * by code. The first sheet's first row names the columns ({@link #COLUMNS}, in any order; the export writes them
 * so); scope tags and partners are separated by commas or 、, materials one per line in their cell.
 *
 * <p>The import is all or nothing: every row is checked (the same rules as the form, and a code twice in the
 * file), and when any row is bad nothing is stored and every bad row is reported with its row number (as the
 * spreadsheet numbers it, the header being row 1) and field. A file that is no workbook, has no header or lacks a
 * required column is refused as a whole (row 1).
 */
@Service
public class CatalogueTransfer {

	/** The columns, as the header names them. */
	public static final List<String> COLUMNS = List.of("code", "name", "department", "level", "regionCode",
			"howToApply", "onlineLink", "materials", "timeLimitDays", "fee", "scopes", "partners");

	/** Columns a workbook must have. */
	static final List<String> REQUIRED = List.of("code", "name", "department", "level", "regionCode");

	/** The most rows an import takes. */
	public static final int MAX_ROWS = 5_000;

	/** The largest workbook an import takes. */
	public static final int MAX_BYTES = 5 * 1024 * 1024;

	/** The most items an export holds. */
	public static final int EXPORT_MAX = 20_000;

	/** One bad cell: its row number, its field, the message key of the rule it broke. */
	public record RowError(int row, String field, String messageKey) {
	}

	/** What an import did: items added and changed, or (nothing stored) the errors. */
	public record Report(int added, int changed, List<RowError> errors) {

		public boolean stored() {
			return errors.isEmpty();
		}
	}

	private final Catalogue catalogue;

	CatalogueTransfer(Catalogue catalogue) {
		this.catalogue = catalogue;
	}

	/**
	 * Imports a workbook: every row added or changed by code, or nothing stored and every bad row reported.
	 *
	 * @throws RecordNotFound when the person does not manage the catalogue
	 */
	@Transactional
	public Report importXlsx(byte[] file, ScopedUser user) {
		if (!Catalogue.mayManage(user)) {
			throw new RecordNotFound();
		}
		if (file == null || file.length == 0) {
			return refused("file", "catalogue.import.empty");
		}
		if (file.length > MAX_BYTES) {
			return refused("file", "catalogue.import.tooLarge");
		}
		List<CatalogueDraft> drafts = new ArrayList<>();
		List<Integer> rowNumbers = new ArrayList<>();
		List<RowError> errors = new ArrayList<>();
		try (InputStream in = new java.io.ByteArrayInputStream(file); ReadableWorkbook workbook = new ReadableWorkbook(in);
				Stream<org.dhatim.fastexcel.reader.Row> stream = workbook.getFirstSheet().openStream()) {
			Iterator<org.dhatim.fastexcel.reader.Row> rows = stream.iterator();
			if (!rows.hasNext()) {
				return refused("file", "catalogue.import.noHeader");
			}
			org.dhatim.fastexcel.reader.Row header = rows.next();
			Map<String, Integer> columns = new HashMap<>();
			for (int c = 0; c < Math.min(header.getCellCount(), 100); c++) {
				String name = text(header, c).strip();
				if (COLUMNS.contains(name)) {
					columns.putIfAbsent(name, c);
				}
			}
			for (String required : REQUIRED) {
				if (!columns.containsKey(required)) {
					errors.add(new RowError(header.getRowNum(), required, "catalogue.import.missingColumn"));
				}
			}
			if (!errors.isEmpty()) {
				return new Report(0, 0, errors);
			}
			Map<String, Integer> seen = new HashMap<>();
			while (rows.hasNext()) {
				org.dhatim.fastexcel.reader.Row row = rows.next();
				if (blank(row)) {
					continue;
				}
				if (drafts.size() >= MAX_ROWS) {
					return refused("file", "catalogue.import.tooManyRows");
				}
				CatalogueDraft draft = new CatalogueDraft(cell(row, columns, "code"), cell(row, columns, "name"),
						cell(row, columns, "department"), cell(row, columns, "level"), number(cell(row, columns, "regionCode")),
						cell(row, columns, "howToApply"), cell(row, columns, "onlineLink"), cell(row, columns, "materials"),
						number(cell(row, columns, "timeLimitDays")), cell(row, columns, "fee"),
						list(cell(row, columns, "scopes")), list(cell(row, columns, "partners")));
				try {
					catalogue.check(draft, user);
				}
				catch (CatalogueRefusedException ex) {
					for (FieldProblem p : ex.problems()) {
						errors.add(new RowError(row.getRowNum(), p.field(), p.messageKey()));
					}
				}
				String code = CatalogueDraft.strip(draft.code());
				Integer first = code.isEmpty() ? null : seen.putIfAbsent(code, row.getRowNum());
				if (first != null) {
					errors.add(new RowError(row.getRowNum(), "code", "catalogue.import.duplicateCode"));
				}
				drafts.add(draft);
				rowNumbers.add(row.getRowNum());
			}
		}
		catch (ExcelReaderException | IOException | UncheckedIOException | IllegalStateException
				| IllegalArgumentException ex) {
			return refused("file", "catalogue.import.notWorkbook");
		}
		if (!errors.isEmpty()) {
			return new Report(0, 0, errors);
		}
		int added = 0;
		for (CatalogueDraft draft : drafts) {
			if (catalogue.upsert(draft, user)) {
				added++;
			}
		}
		return new Report(added, drafts.size() - added, List.of());
	}

	/** The items of a search as a workbook, with the header {@link #COLUMNS}: what the import reads back. */
	public byte[] exportXlsx(Catalogue.Query query) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
		try {
			Workbook workbook = new Workbook(out, "Wenming", "1.0");
			Worksheet sheet = workbook.newWorksheet("catalogue");
			for (int c = 0; c < COLUMNS.size(); c++) {
				sheet.value(0, c, COLUMNS.get(c));
				sheet.style(0, c).bold().set();
			}
			int r = 1;
			for (CatalogueItem item : catalogue.all(query, EXPORT_MAX)) {
				List<Object> values = Arrays.asList(item.code(), item.name(), item.department(), item.level(),
						item.regionCode(), item.howToApply(), item.onlineLink(), item.materials(), item.timeLimitDays(),
						item.fee(), String.join(",", item.scopes()), String.join(",", item.partners()));
				for (int c = 0; c < values.size(); c++) {
					Object v = values.get(c);
					if (v instanceof Integer n) {
						sheet.value(r, c, n);
					}
					else if (v != null) {
						sheet.value(r, c, v.toString());
					}
				}
				r++;
			}
			sheet.width(1, 28);
			workbook.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static Report refused(String field, String key) {
		return new Report(0, 0, List.of(new RowError(1, field, key)));
	}

	private static boolean blank(org.dhatim.fastexcel.reader.Row row) {
		for (int c = 0; c < row.getCellCount(); c++) {
			if (!text(row, c).isBlank()) {
				return false;
			}
		}
		return true;
	}

	private static String cell(org.dhatim.fastexcel.reader.Row row, Map<String, Integer> columns, String name) {
		Integer c = columns.get(name);
		return c == null ? "" : text(row, c);
	}

	private static String text(org.dhatim.fastexcel.reader.Row row, int c) {
		if (c >= row.getCellCount()) {
			return "";
		}
		String s = row.getCellText(c);
		return s == null ? "" : s;
	}

	/** A number cell read as text ("5.0" from a numeric cell) back to its whole number. */
	private static String number(String s) {
		String t = s.strip();
		return t.matches("\\d+\\.0+") ? t.substring(0, t.indexOf('.')) : t;
	}

	static List<String> list(String s) {
		return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split("[,，、;；\\n]")).map(String::strip)
			.filter(x -> !x.isEmpty()).toList();
	}
}
