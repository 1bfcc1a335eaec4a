package org.wenming.volunteer.transfer;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of the import file (导入模板), in template order: the Chinese header the template
 * carries, the English aliases also accepted, the {@code VolunteerDraft} field the value goes to,
 * and the example row's (obviously synthetic) value.
 */
public enum ImportColumn {

	REAL_NAME("realName", "姓名", "测试样例", true, "name", "real name"),
	ID_TYPE("idType", "证件类型", "居民身份证", true, "id type", "document type"),
	ID_NUMBER("idNumber", "证件号码", "", true, "id number", "document number"),
	PHONE("phone", "手机号码", "13900000000", true, "phone", "mobile"),
	GENDER("gender", "性别", "男", false, "gender", "sex"),
	BIRTH_DATE("birthDate", "出生日期", "1990-01-01", false, "birth date", "date of birth"),
	REGION_CODE("regionCode", "所属地区代码", "441202001002", true, "region code", "region"),
	SKILLS("skills", "技能", "医疗救护;法律咨询", false, "skills"),
	AVAILABILITY("availability", "服务时间", "周末", false, "availability", "service time"),
	EMERGENCY_NAME("emergencyName", "紧急联系人", "", false, "emergency contact", "emergency name"),
	EMERGENCY_PHONE("emergencyPhone", "紧急联系电话", "", false, "emergency phone"),
	GUARDIAN_NAME("guardianName", "监护人姓名", "", false, "guardian name"),
	GUARDIAN_RELATION("guardianRelation", "监护人关系", "", false, "guardian relation"),
	GUARDIAN_PHONE("guardianPhone", "监护人电话", "", false, "guardian phone"),
	GUARDIAN_CONSENT("guardianConsent", "监护人同意", "", false, "guardian consent"),
	CONSENT("consent", "同意隐私政策版本", "2026-01", true, "consent version", "privacy notice version");

	private final String field;

	private final String header;

	private final String example;

	private final boolean required;

	private final List<String> aliases;

	ImportColumn(String field, String header, String example, boolean required, String... aliases) {
		this.field = field;
		this.header = header;
		this.example = example;
		this.required = required;
		this.aliases = List.of(aliases);
	}

	/** The {@code VolunteerDraft} field (and the field name {@code VolunteerRules} reports problems under). */
	public String field() {
		return field;
	}

	/** The Chinese header of the template. */
	public String header() {
		return header;
	}

	public String example() {
		return example;
	}

	/** A file without this column is refused as a whole. */
	public boolean required() {
		return required;
	}

	/**
	 * The column a header names: the Chinese header, an English alias or the field name, ignoring
	 * case, full-width forms, spaces, underscores and a trailing "*" (templates often mark required columns).
	 */
	public static Optional<ImportColumn> ofHeader(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String key = key(text);
		for (ImportColumn column : values()) {
			if (key(column.header).equals(key) || key(column.field).equals(key)
					|| column.aliases.stream().anyMatch(a -> key(a).equals(key))) {
				return Optional.of(column);
			}
		}
		return Optional.empty();
	}

	private static String key(String text) {
		String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
		if (nfkc.endsWith("*")) {
			nfkc = nfkc.substring(0, nfkc.length() - 1);
		}
		return nfkc.replaceAll("[\\s_*-]", "").toLowerCase(Locale.ROOT);
	}

	public static Optional<ImportColumn> ofField(String field) {
		for (ImportColumn column : values()) {
			if (column.field.equals(field)) {
				return Optional.of(column);
			}
		}
		return Optional.empty();
	}

	/** Whether values of this column are personal numbers, masked in the error report. */
	public boolean personalNumber() {
		return this == ID_NUMBER || this == PHONE || this == EMERGENCY_PHONE || this == GUARDIAN_PHONE;
	}
}
