package org.wenming.region.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import org.wenming.region.FieldProblem;
import org.wenming.region.PracticeSite;
import org.wenming.region.SiteDraft;
import org.wenming.region.SiteKind;

/**
 * The site form exactly as submitted: every value a string, so that whatever was typed can be shown
 * again next to its error. {@link #draft} turns it into a draft, noting values of the wrong type.
 */
public record SiteForm(String regionCode, String kind, String name, String demonstration, String address,
		String openingHours, String contactName, String contactPhone, String latitude, String longitude,
		String description, String version) {

	private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,3}(\\.\\d{1,12})?");

	static SiteForm empty(String regionCode) {
		return new SiteForm(regionCode, "", "", "", "", "", "", "", "", "", "", "");
	}

	static SiteForm of(PracticeSite site) {
		return new SiteForm(site.regionCode(), site.kind().name(), site.name(), site.demonstration() ? "true" : "",
				site.address(), site.openingHours(), site.contactName(), site.contactPhone(),
				site.latitude() == null ? "" : site.latitude().toPlainString(),
				site.longitude() == null ? "" : site.longitude().toPlainString(), site.description(),
				String.valueOf(site.version()));
	}

	/** The draft, with problems added for values that are not of their field's type. */
	SiteDraft draft(List<FieldProblem> problems) {
		SiteKind parsedKind = null;
		if (!blank(kind)) {
			parsedKind = SiteKind.parse(kind.strip()).orElse(null);
			if (parsedKind == null) {
				problems.add(new FieldProblem("kind", "site.error.kind"));
			}
		}
		boolean demo = false;
		if (!blank(demonstration)) {
			demo = "true".equals(demonstration.strip());
			if (!demo) {
				problems.add(new FieldProblem("demonstration", "site.error.boolean"));
			}
		}
		return new SiteDraft(regionCode, parsedKind, name, demo, address, openingHours, contactName, contactPhone,
				decimal("latitude", latitude, problems), decimal("longitude", longitude, problems), description);
	}

	/** The version the edit was based on, or -1 when missing or malformed (which no site has). */
	int versionOrInvalid() {
		return version != null && version.matches("\\d{1,9}") ? Integer.parseInt(version) : -1;
	}

	private static BigDecimal decimal(String field, String value, List<FieldProblem> problems) {
		if (blank(value)) {
			return null;
		}
		if (!DECIMAL.matcher(value.strip()).matches()) {
			problems.add(new FieldProblem(field, "site.error.number"));
			return null;
		}
		return new BigDecimal(value.strip());
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	// Values for the template: never null.

	public String value(String text) {
		return text == null ? "" : text;
	}

	public boolean demonstrationChecked() {
		return "true".equals(demonstration);
	}
}
