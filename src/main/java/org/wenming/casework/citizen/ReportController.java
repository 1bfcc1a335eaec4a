package org.wenming.casework.citizen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.FormErrors;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.casework.photo.PhotoStage;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ContactSeal;
import org.wenming.volunteer.PersonalNumbers;

/**
 * 随手拍: anyone, signed in or not, reports a problem with photos, a category and a place. Reports
 * without an account are rate-limited per IP and session. After the report the reporter is sent to
 * the follow page of their case, whose link holds the secret follow token.
 */
@Controller
class ReportController extends PageController {

	static final String PATH = "/cases/report";

	/** Mainland mobile numbers (optionally +86) and landlines with their area code. */
	private static final Pattern PHONE = Pattern.compile("(\\+?86)?1[3-9]\\d{9}|0\\d{2,3}\\d{7,8}");

	private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d{1,3}(\\.\\d{1,12})?");

	private final Cases cases;

	private final CasePhotos photos;

	private final Regions regions;

	private final ContactSeal seal;

	private final NearbyCases nearby;

	private final ReportRateLimit rateLimit;

	private final TransactionTemplate transactions;

	private final String cityCode;

	ReportController(Cases cases, CasePhotos photos, Regions regions, ContactSeal seal, NearbyCases nearby,
			ReportRateLimit rateLimit, TransactionTemplate transactions,
			@org.springframework.beans.factory.annotation.Value("${wenming.regions.city:4412}") String cityCode) {
		this.cases = cases;
		this.photos = photos;
		this.regions = regions;
		this.seal = seal;
		this.nearby = nearby;
		this.rateLimit = rateLimit;
		this.transactions = transactions;
		this.cityCode = cityCode;
	}

	@GetMapping(PATH)
	ModelAndView form(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String category) {
		ReportForm form = ReportForm.empty();
		if (category != null && cases.category(category).filter(CaseCategory::leaf).isPresent()) {
			form = new ReportForm(category, "", "", "", "", "", "", "");
		}
		return page(form, FormErrors.none(), user, HttpStatus.OK);
	}

	@PostMapping(PATH)
	ModelAndView report(@AuthenticationPrincipal ScopedUser user, ReportForm form,
			@RequestParam(name = "photos", required = false) List<MultipartFile> uploads, HttpServletRequest request,
			HttpServletResponse response) {
		ReportRateLimit.Permit permit = null;
		if (user == null) {
			ReportRateLimit.Outcome outcome = rateLimit.acquire(request.getRemoteAddr(),
					request.getSession(true).getId());
			if (outcome.permit().isEmpty()) {
				long seconds = Math.max(1, outcome.retryAfter().toSeconds());
				response.setHeader("Retry-After", Long.toString(seconds));
				return new ModelAndView("casework/citizen/limited",
						Map.of("minutes", Math.max(1, (seconds + 59) / 60)), HttpStatus.TOO_MANY_REQUESTS);
			}
			permit = outcome.permit().get();
		}
		try {
			FormErrors errors = FormErrors.none();
			NewCase report = draft(form, user, errors);
			List<CasePhotos.CheckedPhoto> checked = checkPhotos(uploads, errors);
			if (errors.any()) {
				throw new Refused(errors);
			}
			String reportedBy = user == null ? "citizen" : user.username();
			Cases.Reported reported;
			try {
				// the case and its photos together: a failure in either stores neither (photo files included)
				reported = transactions.execute(tx -> {
					Cases.Reported created = cases.report(report, reportedBy);
					for (CasePhotos.CheckedPhoto photo : checked) {
						photos.store(created.id(), PhotoStage.BEFORE, photo, reportedBy);
					}
					return created;
				});
			}
			catch (InvalidInputException ex) {
				errors.add(formField(ex.field()), ex.getMessage());
				throw new Refused(errors);
			}
			permit = null;
			return new ModelAndView("redirect:/cases/follow/"
					+ URLEncoder.encode(reported.followToken(), StandardCharsets.UTF_8) + "?new=1");
		}
		catch (Refused refused) {
			return page(form, refused.errors, user, HttpStatus.BAD_REQUEST);
		}
		finally {
			if (permit != null) {
				rateLimit.release(permit);
			}
		}
	}

	/** The possible duplicates next to the form (htmx): open cases of the category near the position. */
	@GetMapping(PATH + "/nearby")
	ModelAndView nearby(@RequestParam(name = "categoryCode", required = false) String category,
			@RequestParam(required = false) String latitude, @RequestParam(required = false) String longitude) {
		List<NearbyCase> found = List.of();
		if (category != null && cases.category(category).filter(CaseCategory::leaf).isPresent()) {
			BigDecimal lat = decimal(latitude);
			BigDecimal lon = decimal(longitude);
			if (lat != null && lon != null && lat.abs().doubleValue() <= 90 && lon.abs().doubleValue() <= 180) {
				found = nearby.around(category, lat.doubleValue(), lon.doubleValue());
			}
		}
		return new ModelAndView("casework/citizen/nearby", Map.of("found", found, "categories", categoryNames()));
	}

	private Map<String, CaseCategory> categoryNames() {
		Map<String, CaseCategory> byCode = new java.util.HashMap<>();
		cases.categories().forEach(c -> byCode.put(c.code(), c));
		return byCode;
	}

	private NewCase draft(ReportForm form, ScopedUser user, FormErrors errors) {
		String category = ReportForm.value(form.categoryCode()).strip();
		if (cases.category(category).filter(c -> c.leaf() && c.active()).isEmpty()) {
			errors.add("categoryCode", "casework.category.unknown");
		}
		String description = ReportForm.value(form.description()).strip();
		if (description.isEmpty() || description.length() > 2000) {
			errors.add("description", "casework.description.length");
		}
		BigDecimal latitude = position("latitude", form.latitude(), 90, errors);
		BigDecimal longitude = position("longitude", form.longitude(), 180, errors);
		String region = ReportForm.value(form.regionCode()).strip();
		if (region.equals(cityCode)) {
			region = ""; // an untouched picker submits its root: no region chosen
		}
		if (region.length() > 12) {
			errors.add("regionCode", "casework.region.outsideCity");
		}
		if (latitude == null && longitude == null && region.isEmpty() && !errors.has("latitude")
				&& !errors.has("longitude")) {
			errors.add("latitude", "casework.position.required");
		}
		String address = ReportForm.value(form.address()).strip();
		if (address.length() > 200) {
			errors.add("address", "casework.address.length");
		}
		String name = ReportForm.value(form.reporterName()).strip();
		if (name.length() > 60) {
			errors.add("reporterName", "casework.reporterName.length");
		}
		ContactSeal.SealedContact contact = null;
		String phone = ReportForm.value(form.phone());
		if (!phone.isBlank()) {
			String normalised = phone.length() > 30 ? phone : PersonalNumbers.normalise(phone);
			if (!PHONE.matcher(normalised).matches()) {
				errors.add("phone", "casework.citizen.phone.format");
			}
			else {
				contact = seal.seal(Cases.CONTACT_COLUMN, normalised);
			}
		}
		return new NewCase(CaseSource.CITIZEN, category, description, address, latitude, longitude,
				region.isEmpty() ? null : region, user == null ? null : user.userId(), name, contact, null);
	}

	private static BigDecimal position(String field, String value, int limit, FormErrors errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		BigDecimal parsed = decimal(value);
		if (parsed == null) {
			errors.add(field, "casework.citizen.position.number");
			return null;
		}
		if (parsed.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
			errors.add(field, "casework.position.range");
			return null;
		}
		// the column keeps six decimals (about 0.1 m)
		return parsed.setScale(6, java.math.RoundingMode.HALF_UP);
	}

	private static BigDecimal decimal(String value) {
		if (value == null) {
			return null;
		}
		String text = value.strip();
		return DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
	}

	private List<CasePhotos.CheckedPhoto> checkPhotos(List<MultipartFile> uploads, FormErrors errors) {
		// a file input left empty still sends one part, without a name or bytes
		List<MultipartFile> chosen = uploads == null ? List.of()
				: uploads.stream().filter(f -> f != null && !f.isEmpty()).toList();
		if (chosen.isEmpty()) {
			errors.add("photos", "casework.citizen.photos.required");
			return List.of();
		}
		if (chosen.size() > photos.maxPerStage()) {
			errors.add("photos", "casework.citizen.photos.tooMany");
			return List.of();
		}
		List<CasePhotos.CheckedPhoto> checked = new ArrayList<>();
		for (MultipartFile upload : chosen) {
			try {
				if (upload.getSize() > photos.maxUploadBytes()) {
					throw new InvalidInputException("photo", "casework.photo.tooLarge");
				}
				checked.add(photos.check(upload.getBytes()));
			}
			catch (InvalidInputException ex) {
				errors.add("photos", ex.getMessage());
				return List.of();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return checked;
	}

	/** The form's name for a field the intake named. */
	private static String formField(String field) {
		return switch (field) {
			case "photo" -> "photos";
			case "categoryCode", "description", "latitude", "longitude", "regionCode", "address", "reporterName" -> field;
			default -> "description";
		};
	}

	private ModelAndView page(ReportForm form, FormErrors errors, ScopedUser user, HttpStatus status) {
		List<CaseCategory> all = cases.categories();
		List<ReportPage.Group> groups = all.stream().filter(c -> c.parentCode() == null)
				.map(g -> new ReportPage.Group(g, all.stream()
						.filter(c -> g.code().equals(c.parentCode()) && c.leaf() && c.active()).toList()))
				.filter(g -> !g.leaves().isEmpty()).toList();
		ReportForm shown = form == null ? ReportForm.empty() : form;
		return new ModelAndView("casework/citizen/report",
				Map.of("view", new ReportPage(shown, errors, groups,
						regions.choice("regionCode", cityCode, ReportForm.value(shown.regionCode()), true),
						photos.maxPerStage(), photos.maxUploadBytes() / (1024 * 1024), user != null)),
				status);
	}

	/** A refused report's errors, carried to the one place that answers with the form again. */
	private static final class Refused extends RuntimeException {

		private final FormErrors errors;

		Refused(FormErrors errors) {
			super(null, null, false, false);
			this.errors = errors;
		}
	}
}
