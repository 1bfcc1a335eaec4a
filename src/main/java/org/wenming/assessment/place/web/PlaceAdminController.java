package org.wenming.assessment.place.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.assessment.PlaceType;
import org.wenming.assessment.place.Place;
import org.wenming.assessment.place.PlaceDraft;
import org.wenming.assessment.place.PlaceImports;
import org.wenming.assessment.place.PlaceProblem;
import org.wenming.assessment.place.PlaceQuery;
import org.wenming.assessment.place.PlaceRefusedException;
import org.wenming.assessment.place.PlaceRules;
import org.wenming.assessment.place.Places;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.Region;
import org.wenming.region.RegionChoice;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;

/** The registry of places for office staff (测评点位管理), confined to their scope. */
@Controller
@RequestMapping("/admin/assessment/places")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class PlaceAdminController extends PageController {

	static final int PAGE_SIZE = 30;

	private final Places places;

	private final PlaceImports imports;

	private final Regions regions;

	PlaceAdminController(Places places, PlaceImports imports, Regions regions) {
		this.places = places;
		this.imports = imports;
		this.regions = regions;
	}

	@GetMapping
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String type, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "false") boolean inactive, @RequestParam(defaultValue = "0") int page) {
		Region start = places.staffRegion(QueryParameters.regionCode("region", region), user)
				.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		PlaceType typeFilter = type(type);
		String text = QueryParameters.searchText("q", q);
		PlaceQuery query = new PlaceQuery(start, typeFilter, text, inactive, Paging.page(page), PAGE_SIZE);
		List<Region> crumbs = regions.breadcrumb(start).stream().filter(r -> user.scope().covers(r.path())).toList();
		return new ModelAndView("assessment/place/list", Map.of("view", new PlaceListView(start, crumbs,
				regions.children(start.code()), typeFilter, text, inactive, places.list(query, user.scope()))));
	}

	static PlaceType type(String type) {
		if (type == null || type.isBlank()) {
			return null;
		}
		try {
			return PlaceType.valueOf(type);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("type", "is not a place type");
		}
	}

	@GetMapping("/new")
	ModelAndView newPlace(@AuthenticationPrincipal ScopedUser user) {
		return form(PlaceFormView.of(null, PlaceForm.empty(), List.of(), choice(user, null), false), HttpStatus.OK);
	}

	@PostMapping("/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, @ModelAttribute PlaceForm form) {
		List<PlaceProblem> problems = new ArrayList<>();
		PlaceDraft draft = form.draft(problems);
		try {
			if (!problems.isEmpty()) {
				throw all(problems, draft);
			}
			Place place = places.create(draft, user);
			return new ModelAndView("redirect:/admin/assessment/places/" + place.id() + "/edit?saved=true");
		}
		catch (PlaceRefusedException ex) {
			return form(PlaceFormView.of(null, form, ex.problems(), choice(user, form.regionCode()), false),
					HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/{id}/edit")
	ModelAndView edit(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(defaultValue = "false") boolean saved) {
		Place place = places.findForStaff(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		return form(PlaceFormView.of(place, PlaceForm.of(place), List.of(), choice(user, place.regionCode()), saved),
				HttpStatus.OK);
	}

	@PostMapping("/{id}/edit")
	ModelAndView update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@ModelAttribute PlaceForm form) {
		Place place = places.findForStaff(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		List<PlaceProblem> problems = new ArrayList<>();
		PlaceDraft draft = form.draft(problems);
		try {
			if (!problems.isEmpty()) {
				throw all(problems, draft);
			}
			places.update(place.id(), draft, user).orElseThrow(RecordNotFound::new);
			return new ModelAndView("redirect:/admin/assessment/places/" + place.id() + "/edit?saved=true");
		}
		catch (PlaceRefusedException ex) {
			return form(PlaceFormView.of(place, form, ex.problems(), choice(user, form.regionCode()), false),
					HttpStatus.BAD_REQUEST);
		}
	}

	@PostMapping("/{id}/active")
	String active(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String active) {
		if (!"true".equals(active) && !"false".equals(active)) {
			throw new InvalidInputException("active", "must be true or false");
		}
		Place place = places.setActive(QueryParameters.id(id), Boolean.parseBoolean(active), user)
				.orElseThrow(RecordNotFound::new);
		return "redirect:/admin/assessment/places/" + place.id() + "/edit?saved=true";
	}

	@GetMapping("/import")
	ModelAndView importForm() {
		return new ModelAndView("assessment/place/import", Map.of("result", ImportView.NONE));
	}

	@PostMapping("/import")
	ModelAndView importFile(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
		PlaceImports.Result result = file == null || file.isEmpty()
				? imports.importFile("", new byte[0], user)
				: file.getSize() > PlaceImports.MAX_BYTES ? imports.importFile("", new byte[PlaceImports.MAX_BYTES + 1], user)
						: imports.importFile(file.getOriginalFilename(), file.getBytes(), user);
		return new ModelAndView("assessment/place/import", Map.of("result", new ImportView(result)),
				result.refused() ? HttpStatus.BAD_REQUEST : HttpStatus.OK);
	}

	/** A template holding only the header and one example row (no one's data). */
	@GetMapping("/import/template.csv")
	ResponseEntity<byte[]> template() {
		String csv = "\uFEFF类型,名称,地址,区划,纬度,经度\r\n集贸市场,城东农贸市场,城东路12号,441202001001,23.051200,112.472300\r\n";
		return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"places-template.csv\"")
				.body(csv.getBytes(StandardCharsets.UTF_8));
	}

	/** A place is picked inside the staff member's own region. */
	private RegionChoice choice(ScopedUser user, String selected) {
		String root = user.scope().isEverything() ? places.homeCity().code() : user.scope().regionCode();
		return regions.choice("regionCode", root, selected, false);
	}

	private static PlaceRefusedException all(List<PlaceProblem> typeProblems, PlaceDraft draft) {
		List<PlaceProblem> all = new ArrayList<>(typeProblems);
		all.addAll(PlaceRules.check(draft.trimmed()));
		return new PlaceRefusedException(all);
	}

	private static ModelAndView form(PlaceFormView view, HttpStatus status) {
		return new ModelAndView("assessment/place/form", Map.of("view", view), status);
	}
}
