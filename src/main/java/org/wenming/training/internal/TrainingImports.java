package org.wenming.training.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.platform.Sheets;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;
import org.wenming.training.Course;
import org.wenming.training.EnrolmentStatus;
import org.wenming.training.Trainings;

/**
 * Enrolments and completions from a sheet (CSV in UTF-8 or XLSX), all or nothing: every row is checked first, and
 * one refused value anywhere stores nothing and answers every problem with its row and column. A row stands for
 * one volunteer on one course (the unique key), so importing the same sheet again changes nothing and a corrected
 * sheet corrects the rows.
 *
 * <p>Columns, by header (Chinese or English, any order): 志愿者编号 volunteerNumber, 课程编号 course (the course's
 * number as the course page shows it), 状态 status (ENROLLED, COMPLETED, ABSENT, WITHDRAWN or their names),
 * 结业日期 completedOn (yyyy-MM-dd), 证书编号 certificateNumber.
 */
@Service
public class TrainingImports {

	public static final int MAX_BYTES = 2 * 1024 * 1024;

	public static final int MAX_ROWS = 5_000;

	/** A sheet of completions: a handful of columns, at most 50 MB once unzipped. */
	private static final Sheets.Limits SHEET = new Sheets.Limits(MAX_ROWS, 30, 200, 50L * 1024 * 1024);

	/** The columns, each with the header names it is known by. */
	public enum Column {
		VOLUNTEER_NUMBER("volunteerNumber", "志愿者编号", "志願者編號", "volunteer number", "volunteernumber"),
		COURSE("course", "课程编号", "課程編號", "课程", "課程", "course"),
		STATUS("status", "状态", "狀態", "status"),
		COMPLETED_ON("completedOn", "结业日期", "結業日期", "completed on", "completedon"),
		CERTIFICATE_NUMBER("certificateNumber", "证书编号", "證書編號", "certificate number", "certificatenumber");

		private final String field;

		private final List<String> headers;

		Column(String field, String... headers) {
			this.field = field;
			this.headers = List.of(headers);
		}

		public String field() {
			return field;
		}

		static Column of(String header) {
			String h = header == null ? "" : header.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
			for (Column c : values()) {
				if (c.headers.contains(h)) {
					return c;
				}
			}
			return null;
		}
	}

	/** One refused value: the sheet's row number (the header is row 1, 0 for the file), the column and the rule. */
	public record RowError(int row, String column, String messageKey, String value) {
	}

	/** What an import did, or why it stored nothing. */
	public record Result(int rows, int stored, List<RowError> errors) {

		public boolean refused() {
			return !errors.isEmpty();
		}
	}

	private final Trainings trainings;

	private final MessageSource messages;

	TrainingImports(Trainings trainings, MessageSource messages) {
		this.trainings = trainings;
		this.messages = messages;
	}

	/**
	 * Checks every row and, when none is refused, stores them all in one transaction.
	 *
	 * @throws OutOfScopeException (404) for anyone but the offices
	 */
	@Transactional
	public Result importSheet(byte[] content, ScopedUser staff) {
		if (!Trainings.mayRecord(staff)) {
			throw new OutOfScopeException("training", "staff");
		}
		if (content == null || content.length == 0) {
			return refused("training.import.empty");
		}
		if (content.length > MAX_BYTES) {
			return refused("training.import.tooLarge");
		}
		List<List<String>> table;
		try {
			table = Sheets.read(content, SHEET);
		}
		catch (Sheets.Refused r) {
			return refused("training.import." + r.reason());
		}
		if (table.isEmpty()) {
			return refused("training.import.empty");
		}
		if (table.size() - 1 > MAX_ROWS) {
			return new Result(0, 0, List.of(new RowError(MAX_ROWS + 2, "file", "training.import.tooManyRows", null)));
		}
		List<RowError> errors = new ArrayList<>();
		Map<Column, Integer> columns = header(table.get(0), errors);
		if (!errors.isEmpty()) {
			return new Result(0, 0, errors);
		}
		Map<String, EnrolmentStatus> statuses = statusNames();
		Map<Long, Course> courses = new HashMap<>();
		record Row(long courseId, Trainings.CheckedEntry entry) {
		}
		List<Row> rows = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int count = 0;
		for (int i = 1; i < table.size(); i++) {
			List<String> cells = table.get(i);
			if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
				continue;
			}
			count++;
			int rowNumber = i + 1;
			int before = errors.size();
			String courseText = Sheets.cell(cells, columns, Column.COURSE);
			Course course = null;
			if (courseText == null || !courseText.strip().matches("\\d{1,18}")) {
				errors.add(new RowError(rowNumber, Column.COURSE.field(), "training.import.courseUnknown", Sheets.clip(courseText)));
			}
			else {
				long id = Long.parseLong(courseText.strip());
				course = courses.computeIfAbsent(id, k -> trainings.find(k).orElse(null));
				if (course == null || !staff.scope().covers(course.regionPath())) {
					// another office's course is as unknown as none
					errors.add(new RowError(rowNumber, Column.COURSE.field(), "training.import.courseUnknown",
							Sheets.clip(courseText)));
					course = null;
				}
			}
			String statusText = Sheets.cell(cells, columns, Column.STATUS);
			EnrolmentStatus status = statusText == null ? null : statuses.get(statusText.strip().toUpperCase(Locale.ROOT));
			Trainings.EntryDraft draft = new Trainings.EntryDraft(Sheets.cell(cells, columns, Column.VOLUNTEER_NUMBER),
					status == null ? (statusText == null ? null : "?") : status.name(),
					Sheets.cell(cells, columns, Column.COMPLETED_ON), Sheets.cell(cells, columns, Column.CERTIFICATE_NUMBER));
			Trainings.CheckedEntry entry = null;
			if (course != null) {
				entry = trainings.checkEntry(course, draft, staff, p -> errors.add(new RowError(rowNumber,
						p.field(), p.messageKey(), Sheets.clip(valueOf(p.field(), cells, columns)))));
			}
			else {
				// the row's other values are still checked against a stand-in that every date fits
				trainings.checkEntry(STAND_IN, draft, staff, p -> errors.add(new RowError(rowNumber, p.field(),
						p.messageKey(), Sheets.clip(valueOf(p.field(), cells, columns)))));
			}
			if (entry != null && errors.size() == before) {
				if (!seen.add(course.id() + "|" + entry.volunteerId())) {
					errors.add(new RowError(rowNumber, Column.VOLUNTEER_NUMBER.field(), "training.import.duplicate",
							Sheets.clip(draft.volunteerNumber())));
				}
				else {
					rows.add(new Row(course.id(), entry));
				}
			}
		}
		if (count == 0) {
			return refused("training.import.empty");
		}
		if (!errors.isEmpty()) {
			return new Result(count, 0, errors);
		}
		for (Row row : rows) {
			trainings.store(row.courseId(), row.entry(), staff.username());
		}
		return new Result(count, rows.size(), List.of());
	}

	/** A course of long ago, open, for checking a row whose course is unknown. */
	private static final Course STAND_IN = new Course(0, "", "", java.math.BigDecimal.ONE,
			java.time.LocalDate.of(1900, 1, 1), null, "", false, null, null, false, "", "", 0);

	private static String valueOf(String field, List<String> cells, Map<Column, Integer> columns) {
		for (Column c : Column.values()) {
			if (c.field().equals(field)) {
				return Sheets.cell(cells, columns, c);
			}
		}
		return null;
	}

	private static Result refused(String key) {
		return new Result(0, 0, List.of(new RowError(0, "file", key, null)));
	}

	private static Map<Column, Integer> header(List<String> header, List<RowError> errors) {
		Map<Column, Integer> columns = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String text = header.get(i);
			if (text == null || text.isBlank()) {
				continue;
			}
			Column c = Column.of(text);
			if (c == null) {
				errors.add(new RowError(1, "header", "training.import.unknownColumn", Sheets.clip(text)));
			}
			else if (columns.putIfAbsent(c, i) != null) {
				errors.add(new RowError(1, c.field(), "training.import.repeatedColumn", Sheets.clip(text)));
			}
		}
		for (Column required : List.of(Column.VOLUNTEER_NUMBER, Column.COURSE, Column.STATUS)) {
			if (!columns.containsKey(required)) {
				errors.add(new RowError(1, required.field(), "training.import.missingColumn", null));
			}
		}
		return columns;
	}

	/** The status's code and its name in each language, upper-cased. */
	private Map<String, EnrolmentStatus> statusNames() {
		Map<String, EnrolmentStatus> names = new HashMap<>();
		for (EnrolmentStatus s : EnrolmentStatus.values()) {
			names.put(s.name(), s);
			for (Locale l : List.of(Locale.SIMPLIFIED_CHINESE, Locale.TRADITIONAL_CHINESE, Locale.ENGLISH)) {
				names.put(messages.getMessage(s.messageKey(), null, s.name(), l).toUpperCase(Locale.ROOT), s);
			}
		}
		return names;
	}
}
