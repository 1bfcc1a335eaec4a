package org.wenming.assessment.place.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wenming.assessment.place.Place;
import org.wenming.assessment.place.PlaceDraft;
import org.wenming.assessment.place.PlaceImports;
import org.wenming.assessment.place.PlaceProblem;
import org.wenming.assessment.place.PlaceQuery;
import org.wenming.assessment.place.PlaceRefusedException;
import org.wenming.assessment.place.PlaceRules;
import org.wenming.assessment.place.Places;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.Region;
import org.wenming.shared.ScopedUser;

/** The registry of places as JSON, for office staff in their scope. */
@RestController
@RequestMapping("/api/v1/assessment/places")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class PlaceApiController {

	private final Places places;

	private final PlaceImports imports;

	private final MessageSource messages;

	PlaceApiController(Places places, PlaceImports imports, MessageSource messages) {
		this.places = places;
		this.imports = imports;
		this.messages = messages;
	}

	/** A place as the API answers it. */
	record PlaceJson(long id, String type, String name, String address, String regionCode, String village,
			String town, String county, BigDecimal latitude, BigDecimal longitude, boolean active) {

		static PlaceJson of(Place p) {
			return new PlaceJson(p.id(), p.type().name(), p.name(), p.address(), p.regionCode(), p.villageName(),
					p.townName(), p.countyName(), p.latitude(), p.longitude(), p.active());
		}
	}

	/** A place as submitted: the type by its code (MARKET), the village by its 12-digit code. */
	record PlaceInput(String type, String name, String address, String regionCode, BigDecimal latitude,
			BigDecimal longitude) {

		PlaceDraft draft(List<PlaceProblem> problems) {
			return new PlaceDraft(PlaceForm.type(type, problems), name, address, regionCode, latitude, longitude);
		}
	}

	record Active(Boolean active) {
	}

	@GetMapping
	Map<String, Object> list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String type, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "false") boolean inactive, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		Region start = places.staffRegion(QueryParameters.regionCode("region", region), user)
				.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		PlaceQuery query = new PlaceQuery(start, PlaceAdminController.type(type), QueryParameters.searchText("q", q),
				inactive, Paging.page(page), Paging.size(size, 50, 500));
		var found = places.list(query, user.scope());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", found.items().stream().map(PlaceJson::of).toList());
		body.put("total", found.total());
		body.put("page", found.page());
		body.put("size", found.size());
		return body;
	}

	@GetMapping("/{id}")
	PlaceJson one(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return PlaceJson.of(places.findForStaff(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new));
	}

	@PostMapping
	ResponseEntity<PlaceJson> create(@AuthenticationPrincipal ScopedUser user, @RequestBody PlaceInput input) {
		Place place = places.create(checked(input), user);
		return ResponseEntity.created(URI.create("/api/v1/assessment/places/" + place.id())).body(PlaceJson.of(place));
	}

	@PutMapping("/{id}")
	PlaceJson update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @RequestBody PlaceInput input) {
		long placeId = QueryParameters.id(id);
		places.findForStaff(placeId, user).orElseThrow(RecordNotFound::new);
		return PlaceJson.of(places.update(placeId, checked(input), user).orElseThrow(RecordNotFound::new));
	}

	@PostMapping("/{id}/active")
	PlaceJson active(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @RequestBody Active body) {
		if (body == null || body.active() == null) {
			throw new InvalidInputException("active", "is required");
		}
		return PlaceJson.of(places.setActive(QueryParameters.id(id), body.active(), user).orElseThrow(RecordNotFound::new));
	}

	/** Imports a CSV or XLSX file (multipart field {@code file}), all or nothing. */
	@PostMapping("/import")
	ResponseEntity<Object> importFile(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(name = "file", required = false) MultipartFile file, Locale locale) throws IOException {
		PlaceImports.Result result = file == null || file.isEmpty() ? imports.importFile("", new byte[0], user)
				: file.getSize() > PlaceImports.MAX_BYTES ? imports.importFile("", new byte[PlaceImports.MAX_BYTES + 1], user)
						: imports.importFile(file.getOriginalFilename(), file.getBytes(), user);
		if (result.refused()) {
			List<Map<String, Object>> rows = new ArrayList<>();
			for (PlaceImports.RowError e : result.errors()) {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("row", e.row());
				row.put("field", e.column());
				row.put("message", messages.getMessage(e.messageKey(), null, e.messageKey(), locale));
				if (e.value() != null) {
					row.put("value", e.value());
				}
				rows.add(row);
			}
			ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "The file was refused; nothing was stored",
					List.of());
			problem.setProperty("errors", rows);
			return ResponseEntity.badRequest().body(problem);
		}
		return ResponseEntity.ok(Map.of("rows", result.rows(), "added", result.added(), "updated", result.updated()));
	}

	private static PlaceDraft checked(PlaceInput input) {
		if (input == null) {
			throw new InvalidInputException("body", "is required");
		}
		List<PlaceProblem> problems = new ArrayList<>();
		PlaceDraft draft = input.draft(problems);
		if (!problems.isEmpty()) {
			problems.addAll(PlaceRules.check(draft.trimmed()));
			throw new PlaceRefusedException(problems);
		}
		return draft;
	}

	@ExceptionHandler(PlaceRefusedException.class)
	ProblemDetail refused(PlaceRefusedException ex, Locale locale) {
		Map<String, String> first = new LinkedHashMap<>();
		ex.problems().forEach(p -> first.putIfAbsent(p.field(), p.messageKey()));
		List<Map<String, String>> errors = new ArrayList<>();
		first.forEach((field, key) -> errors.add(ApiProblems.error(field, messages.getMessage(key, null, key, locale))));
		return ApiProblems.invalid(errors);
	}
}
