package org.wenming.assessment.framework;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.wenming.assessment.PlaceType;
import org.wenming.assessment.ScoringRule;

/**
 * A framework as an XLSX workbook (FastExcel): a sheet 测评体系 with its name, version and description,
 * a sheet of items (测评项目) and one of criteria (测评标准; the place type by its Chinese name, which the
 * import also takes as the enum name). An import creates a new draft (never touching a published
 * version) and is all-or-nothing: a refused workbook lists every faulty cell by sheet, row and column.
 * The upload is judged by its content (a zip holding a workbook, inflated within limits) before any XML
 * parser sees it.
 */
@Component
public class FrameworkWorkbook {

	public static final String INFO_SHEET = "测评体系";

	/** Uploads above this are refused before they are read (the sample exports to about 30 KB). */
	public static final int MAX_BYTES = 5 * 1024 * 1024;

	static final int MAX_ROWS = 5_000;

	private static final long MAX_INFLATED = 50L * 1024 * 1024;

	private static final int MAX_ENTRIES = 200;

	private final Frameworks frameworks;

	private final Map<String, ScoringRule> ruleNames = new HashMap<>();

	FrameworkWorkbook(Frameworks frameworks, MessageSource messages) {
		this.frameworks = frameworks;
		for (ScoringRule rule : ScoringRule.values()) {
			ruleNames.put(rule.name(), rule);
			for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.TRADITIONAL_CHINESE, Locale.ENGLISH)) {
				ruleNames.putIfAbsent(messages.getMessage(rule.messageKey(), null, rule.name(), locale), rule);
			}
		}
	}

	/** The import refused as a whole, with every faulty cell (or one line about the file itself). */
	public static class ImportRefused extends RuntimeException {

		private final List<FrameworkContent.RowError> errors;

		public ImportRefused(List<FrameworkContent.RowError> errors) {
			super(errors.size() + " errors");
			this.errors = List.copyOf(errors);
		}

		static ImportRefused file(String messageKey) {
			return new ImportRefused(List.of(new FrameworkContent.RowError("", 0, "", messageKey)));
		}

		public List<FrameworkContent.RowError> errors() {
			return errors;
		}
	}

	public void export(FrameworkView framework, OutputStream out) throws IOException {
		Workbook workbook = new Workbook(out, "Wenming", "1.0");
		Worksheet info = workbook.newWorksheet(INFO_SHEET);
		String[][] lines = { { "名称", framework.summary().name() },
				{ "版本", String.valueOf(framework.summary().version()) },
				{ "状态", framework.summary().status().name() },
				{ "说明", framework.summary().description() == null ? "" : framework.summary().description() } };
		for (int r = 0; r < lines.length; r++) {
			info.value(r, 0, lines[r][0]);
			info.style(r, 0).bold().set();
			info.value(r, 1, text(lines[r][1]));
		}
		info.width(0, 10);
		info.width(1, 60);
		Worksheet items = workbook.newWorksheet(FrameworkContent.ITEMS_SHEET);
		header(items, new ArrayList<>(FrameworkContent.ITEM_COLUMNS.values()));
		int r = 1;
		for (ItemView item : framework.items()) {
			items.value(r, 0, text(item.code()));
			items.value(r, 1, text(item.name()));
			r++;
		}
		items.width(1, 30);
		Worksheet criteria = workbook.newWorksheet(FrameworkContent.CRITERIA_SHEET);
		header(criteria, new ArrayList<>(FrameworkContent.CRITERION_COLUMNS.values()));
		r = 1;
		for (PlaceType type : PlaceType.values()) {
			for (CriterionView c : framework.criteria(type)) {
				criteria.value(r, 0, text(c.itemCode()));
				criteria.value(r, 1, placeTypeName(type));
				criteria.value(r, 2, text(c.code()));
				criteria.value(r, 3, text(c.text()));
				criteria.value(r, 4, c.rule().fullMarks());
				criteria.value(r, 5, c.rule().rule().name());
				if (c.rule().deduction() != null) {
					criteria.value(r, 6, c.rule().deduction());
				}
				if (c.rule().target() != null) {
					criteria.value(r, 7, c.rule().target());
				}
				criteria.value(r, 8, text(c.caseCategory()));
				r++;
			}
		}
		criteria.width(3, 60);
		criteria.width(1, 14);
		workbook.finish();
	}

	/**
	 * Reads a workbook and stores it as a new draft.
	 *
	 * @param name the draft's name; blank takes the name in the workbook's 测评体系 sheet
	 * @return the new draft's id
	 * @throws ImportRefused when the file or any cell is refused; nothing is stored
	 * @throws FrameworkRefusedException when the name is refused or has a draft open
	 */
	public long importDraft(byte[] file, String name, String by) {
		Parsed parsed = parse(file);
		FrameworkContent.Checked checked = FrameworkContent.check(parsed.items, parsed.criteria,
				frameworks.placeTypeNames(), frameworks::leafCategory);
		if (!checked.ok()) {
			throw new ImportRefused(checked.errors());
		}
		String draftName = name == null || name.isBlank() ? parsed.name : name;
		if (draftName == null || draftName.isBlank()) {
			throw FrameworkRefusedException.invalid("name", "assessment.framework.error.name");
		}
		return frameworks.createDraftWith(draftName, parsed.description, checked.items(), checked.criteria(), by);
	}

	private record Parsed(String name, String description, List<FrameworkContent.ItemRow> items,
			List<FrameworkContent.CriterionRow> criteria) {
	}

	private Parsed parse(byte[] file) {
		if (file == null || file.length == 0) {
			throw ImportRefused.file("assessment.framework.import.empty");
		}
		if (file.length > MAX_BYTES) {
			throw ImportRefused.file("assessment.framework.import.tooLarge");
		}
		checkZip(file);
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(file))) {
			Optional<Sheet> itemSheet = workbook.findSheet(FrameworkContent.ITEMS_SHEET);
			Optional<Sheet> criterionSheet = workbook.findSheet(FrameworkContent.CRITERIA_SHEET);
			if (itemSheet.isEmpty() || criterionSheet.isEmpty()) {
				throw ImportRefused.file("assessment.framework.import.sheets");
			}
			String name = null;
			String description = null;
			Optional<Sheet> info = workbook.findSheet(INFO_SHEET);
			if (info.isPresent()) {
				for (Row row : rows(info.get())) {
					if ("名称".equals(cell(row, 0))) {
						name = cell(row, 1);
					}
					else if ("说明".equals(cell(row, 0))) {
						description = cell(row, 1);
					}
				}
			}
			List<Row> itemRows = rows(itemSheet.get());
			List<Row> criterionRows = rows(criterionSheet.get());
			List<FrameworkContent.RowError> headerErrors = new ArrayList<>();
			Map<String, Integer> itemColumns = columns(itemRows, FrameworkContent.ITEMS_SHEET, FrameworkContent.ITEM_COLUMNS,
					headerErrors);
			Map<String, Integer> criterionColumns = columns(criterionRows, FrameworkContent.CRITERIA_SHEET,
					FrameworkContent.CRITERION_COLUMNS, headerErrors);
			if (!headerErrors.isEmpty()) {
				throw new ImportRefused(headerErrors);
			}
			List<FrameworkContent.RowError> cellErrors = new ArrayList<>();
			List<FrameworkContent.ItemRow> items = new ArrayList<>();
			for (Row row : itemRows.subList(1, itemRows.size())) {
				if (!blank(row)) {
					items.add(new FrameworkContent.ItemRow(row.getRowNum(), cell(row, itemColumns.get("code")),
							cell(row, itemColumns.get("name"))));
				}
			}
			List<FrameworkContent.CriterionRow> criteria = new ArrayList<>();
			for (Row row : criterionRows.subList(1, criterionRows.size())) {
				if (blank(row)) {
					continue;
				}
				Map<String, String> v = new HashMap<>();
				criterionColumns.forEach((field, index) -> v.put(field, cell(row, index)));
				BigDecimal fullMarks = number(v.get("fullMarks"), row, "fullMarks", cellErrors);
				BigDecimal deduction = number(v.get("deduction"), row, "deduction", cellErrors);
				Integer target = integer(v.get("target"), row, cellErrors);
				ScoringRule rule = ruleNames.get(v.get("rule"));
				criteria.add(new FrameworkContent.CriterionRow(row.getRowNum(), new CriterionDraft(v.get("itemCode"),
						v.get("placeType"), v.get("code"), v.get("text"), fullMarks,
						rule == null ? v.get("rule") : rule.name(), deduction, target, v.get("caseCategory"))));
			}
			if (!cellErrors.isEmpty()) {
				// the rules' own errors for the rows that parsed, beside the cells that did not
				FrameworkContent.Checked checked = FrameworkContent.check(items, criteria, frameworks.placeTypeNames(),
						frameworks::leafCategory);
				List<FrameworkContent.RowError> all = new ArrayList<>(cellErrors);
				// a cell that is no number is said once, as such, not again as out of range
				checked.errors().stream().filter(e -> cellErrors.stream().noneMatch(c -> c.sheet().equals(e.sheet())
						&& c.row() == e.row() && c.column().equals(e.column()))).forEach(all::add);
				all.sort(java.util.Comparator.comparing(FrameworkContent.RowError::sheet)
						.thenComparingLong(FrameworkContent.RowError::row));
				throw new ImportRefused(all);
			}
			return new Parsed(name, description, items, criteria);
		}
		catch (IOException | ExcelReaderException | IllegalStateException | IllegalArgumentException
				| java.io.UncheckedIOException ex) {
			throw ImportRefused.file("assessment.framework.import.notWorkbook");
		}
	}

	/** The header row's columns by field; a missing header is a refusal naming it. */
	private static Map<String, Integer> columns(List<Row> rows, String sheet, Map<String, String> expected,
			List<FrameworkContent.RowError> errors) {
		Map<String, Integer> found = new HashMap<>();
		if (rows.isEmpty()) {
			errors.add(new FrameworkContent.RowError(sheet, 1, "", "assessment.framework.import.header"));
			return found;
		}
		Row header = rows.get(0);
		Map<String, Integer> byText = new HashMap<>();
		for (int i = 0; i < header.getCellCount(); i++) {
			byText.putIfAbsent(cell(header, i), i);
		}
		expected.forEach((field, text) -> {
			Integer index = byText.get(text);
			if (index == null) {
				errors.add(new FrameworkContent.RowError(sheet, header.getRowNum(), text, "assessment.framework.import.header"));
			}
			else {
				found.put(field, index);
			}
		});
		return found;
	}

	private static List<Row> rows(Sheet sheet) throws IOException {
		List<Row> rows = new ArrayList<>();
		try (var stream = sheet.openStream()) {
			var iterator = stream.iterator();
			while (iterator.hasNext()) {
				if (rows.size() > MAX_ROWS) {
					throw ImportRefused.file("assessment.framework.import.tooManyRows");
				}
				rows.add(iterator.next());
			}
		}
		return rows;
	}

	private static BigDecimal number(String value, Row row, String field, List<FrameworkContent.RowError> errors) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			BigDecimal number = new BigDecimal(value);
			// a spreadsheet's binary fractions (0.30000000000000004) are the two decimals typed
			BigDecimal rounded = number.setScale(2, RoundingMode.HALF_UP);
			return rounded.subtract(number).abs().compareTo(new BigDecimal("1e-9")) < 0 ? rounded : number;
		}
		catch (NumberFormatException ex) {
			errors.add(new FrameworkContent.RowError(FrameworkContent.CRITERIA_SHEET, row.getRowNum(),
					FrameworkContent.CRITERION_COLUMNS.get(field), "assessment.framework.import.number"));
			return null;
		}
	}

	private static Integer integer(String value, Row row, List<FrameworkContent.RowError> errors) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(value).intValueExact();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			errors.add(new FrameworkContent.RowError(FrameworkContent.CRITERIA_SHEET, row.getRowNum(),
					FrameworkContent.CRITERION_COLUMNS.get("target"), "assessment.framework.import.integer"));
			return null;
		}
	}

	private static boolean blank(Row row) {
		for (int i = 0; i < row.getCellCount(); i++) {
			if (!cell(row, i).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private static String cell(Row row, Integer index) {
		if (index == null || index >= row.getCellCount() || row.getCell(index) == null) {
			return "";
		}
		String text = row.getCellText(index);
		text = text == null ? "" : text.strip();
		// what export wrote formula-safe comes back as typed
		return text.startsWith("'") && text.length() > 1 && "=+-@".indexOf(text.charAt(1)) >= 0 ? text.substring(1) : text;
	}

	/**
	 * A workbook is a zip holding {@code xl/workbook.xml}; every entry is inflated here once, counting real
	 * bytes (declared sizes can lie), so a zip bomb is refused before the reader opens it.
	 */
	static void checkZip(byte[] file) {
		if (file.length < 4 || file[0] != 'P' || file[1] != 'K' || file[2] != 3 || file[3] != 4) {
			throw ImportRefused.file("assessment.framework.import.notWorkbook");
		}
		boolean workbook = false;
		long total = 0;
		byte[] buffer = new byte[64 * 1024];
		java.nio.file.Path temporary = null;
		// the zip's central directory, as Excel and FastExcel write it (entries with data descriptors), needs a file
		try {
			temporary = java.nio.file.Files.createTempFile("framework-import", ".xlsx");
			java.nio.file.Files.write(temporary, file);
			try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(temporary.toFile())) {
				if (zip.size() > MAX_ENTRIES) {
					throw ImportRefused.file("assessment.framework.import.zipBomb");
				}
				var entries = zip.entries();
				while (entries.hasMoreElements()) {
					ZipEntry entry = entries.nextElement();
					workbook |= "xl/workbook.xml".equals(entry.getName());
					try (var in = zip.getInputStream(entry)) {
						int read;
						while ((read = in.read(buffer)) > 0) {
							total += read;
							if (total > MAX_INFLATED) {
								throw ImportRefused.file("assessment.framework.import.zipBomb");
							}
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw ImportRefused.file("assessment.framework.import.notWorkbook");
		}
		finally {
			if (temporary != null) {
				try {
					java.nio.file.Files.deleteIfExists(temporary);
				}
				catch (IOException ignored) {
					// a temporary file the JVM's temp folder cleaning removes
				}
			}
		}
		if (!workbook) {
			throw ImportRefused.file("assessment.framework.import.notWorkbook");
		}
	}

	/** The zh-CN name a workbook shows for a place type. */
	private String placeTypeName(PlaceType type) {
		return frameworks.placeTypeNames().entrySet().stream()
				.filter(e -> e.getValue() == type && !e.getKey().equals(type.name())
						&& e.getKey().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
				.map(Map.Entry::getKey).sorted().findFirst().orElse(type.name());
	}

	/** Text that Excel or WPS would run as a formula gets a leading apostrophe. */
	static String text(String value) {
		if (value == null || value.isEmpty()) {
			return value == null ? "" : value;
		}
		return "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
	}

	private static void header(Worksheet sheet, List<String> headers) {
		for (int c = 0; c < headers.size(); c++) {
			sheet.value(0, c, headers.get(c));
			sheet.style(0, c).bold().set();
			sheet.width(c, 12);
		}
	}
}
