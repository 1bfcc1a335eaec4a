package org.wenming.activity.web;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;
import org.wenming.activity.Activity;
import org.wenming.activity.ActivityDraft;
import org.wenming.activity.ActivityRules;
import org.wenming.activity.CampaignTheme;
import org.wenming.activity.LectureSetting;
import org.wenming.activity.Shift;
import org.wenming.activity.ShiftDraft;
import org.wenming.region.FieldProblem;
import org.wenming.shared.CityTime;

/**
 * The activity form exactly as submitted, every value a string so that whatever was typed is shown
 * again next to its error. Shifts come as {@code shifts[i].startsAt}, {@code .endsAt},
 * {@code .capacity}, {@code .minAge}, {@code .requiredSkills} and {@code .requiredQualifications} (both repeated).
 */
public record ActivityForm(Map<String, String> fields, List<ShiftForm> shifts) {

	/** Blank shift rows a new form offers. */
	static final int BLANK_SHIFTS = 3;

	private static final Pattern SHIFT_FIELD = Pattern.compile(
			"shifts\\[(\\d{1,2})]\\.(startsAt|endsAt|capacity|minAge|requiredSkills|requiredQualifications)");

	static final List<String> FIELDS = List.of("title", "description", "type", "lectureSetting", "lectureTeamId",
			"campaignTheme", "courseSubject", "organizerTeamId", "organizerSiteId", "siteId", "address", "regionCode",
			"latitude", "longitude", "geofenceRadiusM", "requiresApproval", "version");

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	public record ShiftForm(String startsAt, String endsAt, String capacity, String minAge, List<String> requiredSkills,
			List<String> requiredQualifications) {

		public ShiftForm {
			requiredQualifications = requiredQualifications == null ? List.of() : requiredQualifications;
		}

		static ShiftForm blank() {
			return new ShiftForm("", "", "", "", List.of(), List.of());
		}

		boolean empty() {
			return Inputs.blank(startsAt) && Inputs.blank(endsAt) && Inputs.blank(capacity) && Inputs.blank(minAge)
					&& requiredSkills.isEmpty() && requiredQualifications.isEmpty();
		}
	}

	public String value(String field) {
		String v = fields.get(field);
		return v == null ? "" : v;
	}

	static ActivityForm empty(String regionCode) {
		Map<String, String> fields = new TreeMap<>();
		fields.put("regionCode", regionCode);
		fields.put("type", "SERVICE");
		List<ShiftForm> shifts = new ArrayList<>();
		for (int i = 0; i < BLANK_SHIFTS; i++) {
			shifts.add(ShiftForm.blank());
		}
		return new ActivityForm(fields, shifts);
	}

	static ActivityForm of(Activity a, List<Shift> shifts) {
		Map<String, String> f = new TreeMap<>();
		f.put("title", a.title());
		f.put("description", a.description());
		f.put("type", a.type().name());
		f.put("lectureSetting", a.lectureSetting() == null ? "" : a.lectureSetting().name());
		f.put("lectureTeamId", text(a.lectureTeamId()));
		f.put("campaignTheme", a.campaignTheme() == null ? "" : a.campaignTheme().name());
		f.put("courseSubject", a.courseSubject() == null ? "" : a.courseSubject());
		f.put("organizerTeamId", text(a.organizerTeamId()));
		f.put("organizerSiteId", text(a.organizerSiteId()));
		f.put("siteId", text(a.siteId()));
		f.put("address", a.address() == null ? "" : a.address());
		f.put("regionCode", a.regionCode());
		f.put("latitude", a.latitude() == null ? "" : a.latitude().toPlainString());
		f.put("longitude", a.longitude() == null ? "" : a.longitude().toPlainString());
		f.put("geofenceRadiusM", text(a.geofenceRadiusM()));
		f.put("requiresApproval", String.valueOf(a.requiresApproval()));
		f.put("version", String.valueOf(a.version()));
		List<ShiftForm> rows = new ArrayList<>();
		for (Shift s : shifts) {
			rows.add(new ShiftForm(LOCAL.format(s.startsAt().atZoneSameInstant(CityTime.ZONE)),
					LOCAL.format(s.endsAt().atZoneSameInstant(CityTime.ZONE)), String.valueOf(s.capacity()),
					text(s.minAge()), s.requiredSkills(), s.requiredQualifications()));
		}
		rows.add(ShiftForm.blank());
		return new ActivityForm(f, rows);
	}

	private static String text(Object o) {
		return o == null ? "" : String.valueOf(o);
	}

	/** The form from the request's parameters (anything else is ignored). */
	static ActivityForm from(MultiValueMap<String, String> params) {
		Map<String, String> fields = new TreeMap<>();
		for (String name : FIELDS) {
			String v = params.getFirst(name);
			if (v != null) {
				fields.put(name, v);
			}
		}
		TreeMap<Integer, String[]> rows = new TreeMap<>();
		TreeMap<Integer, List<String>> skills = new TreeMap<>();
		TreeMap<Integer, List<String>> qualifications = new TreeMap<>();
		for (Map.Entry<String, List<String>> e : params.entrySet()) {
			Matcher m = SHIFT_FIELD.matcher(e.getKey());
			if (!m.matches()) {
				continue;
			}
			int i = Integer.parseInt(m.group(1));
			String[] row = rows.computeIfAbsent(i, k -> new String[] { "", "", "", "" });
			String first = e.getValue().isEmpty() ? "" : e.getValue().get(0);
			switch (m.group(2)) {
				case "startsAt" -> row[0] = first;
				case "endsAt" -> row[1] = first;
				case "capacity" -> row[2] = first;
				case "minAge" -> row[3] = first;
				case "requiredQualifications" ->
					qualifications.put(i, e.getValue().stream().filter(s -> !s.isBlank()).toList());
				default -> skills.put(i, e.getValue().stream().filter(s -> !s.isBlank()).toList());
			}
			skills.putIfAbsent(i, List.of());
			qualifications.putIfAbsent(i, List.of());
		}
		List<ShiftForm> shifts = new ArrayList<>();
		for (Integer i : rows.keySet()) {
			shifts.add(new ShiftForm(rows.get(i)[0], rows.get(i)[1], rows.get(i)[2], rows.get(i)[3], skills.get(i),
					qualifications.get(i)));
		}
		for (Integer i : skills.keySet()) {
			if (!rows.containsKey(i)) {
				shifts.add(new ShiftForm("", "", "", "", skills.get(i), qualifications.get(i)));
			}
		}
		// blank rows are dropped, so a row's index is its shift's index in the draft and in the errors
		return new ActivityForm(fields, shifts.stream().filter(s -> !s.empty()).toList());
	}

	/** The rows to show: those submitted, and blank ones to add more shifts. */
	public List<ShiftForm> rows() {
		List<ShiftForm> rows = new ArrayList<>(shifts);
		int blanks = shifts.isEmpty() ? BLANK_SHIFTS : 1;
		if (shifts.stream().noneMatch(ShiftForm::empty)) {
			for (int i = 0; i < blanks; i++) {
				rows.add(ShiftForm.blank());
			}
		}
		return rows;
	}

	/** The draft, with problems added for values that are not of their field's type. Blank shift rows are skipped. */
	ActivityDraft draft(List<FieldProblem> problems) {
		List<ShiftDraft> drafts = new ArrayList<>();
		int index = 0;
		for (ShiftForm s : shifts) {
			if (s.empty()) {
				continue;
			}
			String p = "shifts[" + index++ + "].";
			drafts.add(new ShiftDraft(Inputs.time(p + "startsAt", s.startsAt(), problems),
					Inputs.time(p + "endsAt", s.endsAt(), problems), Inputs.number(p + "capacity", s.capacity(), problems),
					Inputs.number(p + "minAge", s.minAge(), problems), s.requiredSkills(), s.requiredQualifications()));
		}
		return new ActivityDraft(value("title"), value("description"),
				Inputs.choice("type", value("type"), Inputs::type, problems),
				Inputs.choice("lectureSetting", value("lectureSetting"), LectureSetting::parse, problems),
				Inputs.id("lectureTeamId", value("lectureTeamId"), problems),
				Inputs.choice("campaignTheme", value("campaignTheme"), CampaignTheme::parse, problems),
				value("courseSubject"), Inputs.id("organizerTeamId", value("organizerTeamId"), problems),
				Inputs.id("organizerSiteId", value("organizerSiteId"), problems),
				Inputs.id("siteId", value("siteId"), problems), value("address"), value("regionCode"),
				Inputs.coordinate("latitude", value("latitude"), problems),
				Inputs.coordinate("longitude", value("longitude"), problems),
				Inputs.number("geofenceRadiusM", value("geofenceRadiusM"), problems),
				"true".equals(value("requiresApproval")) || "on".equals(value("requiresApproval")), drafts);
	}

	/** Only the problems of the shape; the rules' problems are added by the caller with the skills and the clock. */
	static List<FieldProblem> all(List<FieldProblem> shape, ActivityDraft draft, java.util.Set<String> skills,
			java.time.OffsetDateTime now) {
		List<FieldProblem> all = new ArrayList<>(shape);
		for (FieldProblem p : ActivityRules.check(draft.trimmed(), skills, now)) {
			if (all.stream().noneMatch(q -> q.field().equals(p.field()))) {
				all.add(p);
			}
		}
		return all;
	}

	int versionOrInvalid() {
		String v = value("version");
		return v.matches("\\d{1,9}") ? Integer.parseInt(v) : -1;
	}
}
