package org.wenming.volunteer.transfer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.wenming.region.FieldProblem;
import org.wenming.volunteer.Skill;
import org.wenming.volunteer.VolunteerDraft;

/**
 * How a file's columns map to a registration, and one row's cells turned into a
 * {@link VolunteerDraft} for {@code VolunteerRules}. Pure: no database, no Spring. Values that a
 * person types into a spreadsheet are accepted in their usual forms (居民身份证, 男/女, 是/否, skill
 * names separated by ;、,) and translated to the codes the rules know; anything else is passed
 * through unchanged so that the rules name the problem.
 */
final class ImportLayout {

	/** Longer cells are refused before any rule looks at them. */
	static final int CELL_MAX = 500;

	static final Pattern CONSENT_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,20}");

	private static final Pattern WRITTEN_DATE = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?");

	private static final Pattern SKILL_SEPARATORS = Pattern.compile("[;,；，、|/]+");

	private final List<ImportColumn> byIndex;

	private final Map<ImportColumn, String> headers;

	private final Map<String, String> skillCodes;

	private ImportLayout(List<ImportColumn> byIndex, Map<ImportColumn, String> headers, Map<String, String> skillCodes) {
		this.byIndex = byIndex;
		this.headers = headers;
		this.skillCodes = skillCodes;
	}

	/**
	 * @throws ImportRefusedException for a missing required column, an unknown or a repeated one
	 */
	static ImportLayout of(List<String> header, List<Skill> skills) {
		List<ImportColumn> byIndex = new ArrayList<>();
		Map<ImportColumn, String> headers = new EnumMap<>(ImportColumn.class);
		for (int i = 0; i < header.size(); i++) {
			String text = header.get(i) == null ? "" : header.get(i).strip();
			if (text.isEmpty()) {
				byIndex.add(null);
				continue;
			}
			ImportColumn column = ImportColumn.ofHeader(text).orElseThrow(
					() -> new ImportRefusedException("volunteer.import.refused.unknownColumn", shown(text)));
			if (headers.containsKey(column)) {
				throw new ImportRefusedException("volunteer.import.refused.repeatedColumn", shown(text));
			}
			headers.put(column, shown(text));
			byIndex.add(column);
		}
		for (ImportColumn column : ImportColumn.values()) {
			if (column.required() && !headers.containsKey(column)) {
				throw new ImportRefusedException("volunteer.import.refused.missingColumn", column.header());
			}
		}
		Map<String, String> codes = new java.util.HashMap<>();
		for (Skill skill : skills) {
			codes.put(skill.code().toLowerCase(Locale.ROOT), skill.code());
			codes.put(skill.nameZh(), skill.code());
			codes.put(skill.nameEn().toLowerCase(Locale.ROOT), skill.code());
		}
		return new ImportLayout(byIndex, headers, codes);
	}

	/** A header as it may appear in a message or the report: bounded, without control characters. */
	private static String shown(String text) {
		String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
		return clean.length() > 30 ? clean.substring(0, 30) + "…" : clean;
	}

	/** The header the file gave the column (the template's Chinese header if the file lacks it). */
	String header(ImportColumn column) {
		return headers.getOrDefault(column, column.header());
	}

	/** One row read: the draft for the rules, the consent version, and problems found before the rules. */
	record Cells(VolunteerDraft draft, String consentVersion, Map<ImportColumn, String> raw, List<FieldProblem> problems) {
	}

	Cells read(List<String> cells) {
		Map<ImportColumn, String> raw = new EnumMap<>(ImportColumn.class);
		List<FieldProblem> problems = new ArrayList<>();
		for (int i = 0; i < cells.size(); i++) {
			String value = cells.get(i);
			if (value == null || value.isEmpty()) {
				continue;
			}
			ImportColumn column = i < byIndex.size() ? byIndex.get(i) : null;
			if (column == null) {
				if (!value.isBlank()) {
					problems.add(new FieldProblem("", "volunteer.import.error.extraCell"));
				}
				continue;
			}
			if (value.length() > CELL_MAX) {
				problems.add(new FieldProblem(column.field(), "volunteer.error.tooLong"));
				raw.put(column, value.substring(0, 50));
				continue;
			}
			raw.put(column, value);
		}
		String consentVersion = text(raw.get(ImportColumn.CONSENT));
		String consent = consentVersion == null ? "false" : "true";
		if (consentVersion != null && !CONSENT_VERSION.matcher(consentVersion).matches()) {
			problems.add(new FieldProblem(ImportColumn.CONSENT.field(), "volunteer.import.error.consentVersion"));
		}
		VolunteerDraft draft = new VolunteerDraft(get(raw, problems, ImportColumn.REAL_NAME),
				idType(get(raw, problems, ImportColumn.ID_TYPE)), get(raw, problems, ImportColumn.ID_NUMBER),
				get(raw, problems, ImportColumn.PHONE), gender(get(raw, problems, ImportColumn.GENDER)),
				date(get(raw, problems, ImportColumn.BIRTH_DATE)), get(raw, problems, ImportColumn.REGION_CODE),
				skills(get(raw, problems, ImportColumn.SKILLS)), get(raw, problems, ImportColumn.AVAILABILITY),
				get(raw, problems, ImportColumn.EMERGENCY_NAME), get(raw, problems, ImportColumn.EMERGENCY_PHONE),
				get(raw, problems, ImportColumn.GUARDIAN_NAME), get(raw, problems, ImportColumn.GUARDIAN_RELATION),
				get(raw, problems, ImportColumn.GUARDIAN_PHONE), flag(get(raw, problems, ImportColumn.GUARDIAN_CONSENT)),
				consent);
		return new Cells(draft, consentVersion, raw, problems);
	}

	/** The cell's value unless it was already refused (so that the rules do not report it twice). */
	private static String get(Map<ImportColumn, String> raw, List<FieldProblem> problems, ImportColumn column) {
		for (FieldProblem problem : problems) {
			if (problem.field().equals(column.field())) {
				return null;
			}
		}
		return raw.get(column);
	}

	private static String text(String value) {
		return value == null || value.isBlank() ? null : Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
	}

	static String idType(String value) {
		String v = text(value);
		if (v == null) {
			return null;
		}
		return switch (v) {
			case "居民身份证", "身份证", "二代身份证" -> "RESIDENT_ID";
			case "护照" -> "PASSPORT";
			case "港澳居民来往内地通行证", "回乡证" -> "HK_MACAO_PERMIT";
			case "台湾居民来往大陆通行证", "台胞证" -> "TAIWAN_PERMIT";
			case "外国人永久居留身份证", "永居证" -> "FOREIGNER_PR";
			default -> v.toUpperCase(Locale.ROOT).replace(' ', '_');
		};
	}

	static String gender(String value) {
		String v = text(value);
		if (v == null) {
			return null;
		}
		return switch (v.toUpperCase(Locale.ROOT)) {
			case "男", "M", "MALE" -> "M";
			case "女", "F", "FEMALE" -> "F";
			default -> v;
		};
	}

	/** yyyy-MM-dd, also written yyyy/M/d or yyyy年M月d日, or a spreadsheet's day number. */
	static String date(String value) {
		String v = text(value);
		if (v == null) {
			return null;
		}
		if (v.matches("\\d{4,5}(\\.0+)?")) {
			// a date cell the spreadsheet stored as days since 1899-12-30
			long days = Long.parseLong(v.replaceAll("\\..*", ""));
			return java.time.LocalDate.of(1899, 12, 30).plusDays(days).toString();
		}
		java.util.regex.Matcher m = WRITTEN_DATE.matcher(v);
		if (m.matches()) {
			return String.format("%s-%02d-%02d", m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
		}
		return v;
	}

	private List<String> skills(String value) {
		String v = text(value);
		if (v == null) {
			return List.of();
		}
		List<String> codes = new ArrayList<>();
		for (String part : SKILL_SEPARATORS.split(v)) {
			if (!part.isBlank()) {
				codes.add(skillCodes.getOrDefault(part.strip().toLowerCase(Locale.ROOT), part.strip()));
			}
		}
		return codes;
	}

	static String flag(String value) {
		String v = text(value);
		if (v == null) {
			return null;
		}
		return switch (v.toLowerCase(Locale.ROOT)) {
			case "是", "同意", "已同意", "y", "yes", "true", "1", "√" -> "true";
			case "否", "不同意", "n", "no", "false", "0" -> "false";
			default -> v;
		};
	}
}
