package org.wenming.catalogue.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.catalogue.Catalogue;
import org.wenming.catalogue.CatalogueDraft;
import org.wenming.catalogue.CatalogueItem;
import org.wenming.catalogue.CatalogueRefusedException;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;

/**
 * The catalogue as JSON. Searching and reading are public (the home city's items); creating, changing and
 * deleting are for the office staff in scope and the system administrator (refused input 400 naming the fields;
 * outside the scope 404 and a security event).
 */
@RestController
@RequestMapping("/api/v1/catalogue")
class CatalogueApiController {

	record ItemJson(long id, String code, String name, String department, String level, String regionCode,
			String howToApply, String onlineLink, List<String> materials, Integer timeLimitDays, String fee,
			List<String> scopes, List<String> partners) {

		static ItemJson of(CatalogueItem i) {
			return new ItemJson(i.id(), i.code(), i.name(), i.department(), i.level(), i.regionCode(), i.howToApply(),
					i.onlineLink(), i.materialList(), i.timeLimitDays(), i.fee(), List.of(i.scopes()),
					List.of(i.partners()));
		}
	}

	record PageJson(List<ItemJson> items, long total, int page, int size, int pages) {
	}

	/** An item as sent: text or numbers; materials a list or text with one per line. */
	record ItemBody(Object code, Object name, Object department, Object level, Object regionCode, Object howToApply,
			Object onlineLink, Object materials, Object timeLimitDays, Object fee, List<Object> scopes,
			List<Object> partners) {

		CatalogueDraft draft() {
			String materialText = materials instanceof List<?> list
					? String.join("\n", list.stream().map(m -> text("materials", m)).toList()) : text("materials", materials);
			return new CatalogueDraft(text("code", code), text("name", name), text("department", department),
					text("level", level), text("regionCode", regionCode), text("howToApply", howToApply),
					text("onlineLink", onlineLink), materialText, text("timeLimitDays", timeLimitDays), text("fee", fee),
					scopes == null ? List.of() : scopes.stream().map(s -> text("scopes", s)).toList(),
					partners == null ? List.of() : partners.stream().map(s -> text("partners", s)).toList());
		}
	}

	/** A JSON value as the text a form would send: a number's digits; an object or list is no valid text. */
	static String text(String field, Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			return String.valueOf(value);
		}
		throw new InvalidInputException(field, "must be text or a number");
	}

	private final Catalogue catalogue;

	private final HomeCatalogue home;

	private final MessageSource messages;

	CatalogueApiController(Catalogue catalogue, HomeCatalogue home, MessageSource messages) {
		this.catalogue = catalogue;
		this.home = home;
		this.messages = messages;
	}

	/** The home city's items: {@code ?q=&department=&scope=&page=&size=} (size up to 200, 20 by default). */
	@GetMapping("/items")
	PageJson items(@RequestParam(required = false) String q, @RequestParam(required = false) String department,
			@RequestParam(required = false) String scope, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		Paging.Page<CatalogueItem> found = catalogue.search(home.query(q, department, scope), Paging.page(page),
				Paging.size(size, 20, Catalogue.PAGE_MAX));
		return new PageJson(found.items().stream().map(ItemJson::of).toList(), found.total(), found.page(),
				found.size(), found.pages());
	}

	/** One item of the home city by its code. */
	@GetMapping("/items/{code}")
	ItemJson item(@PathVariable String code) {
		return ItemJson.of(home.item(code));
	}

	@PostMapping("/items")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ResponseEntity<ItemJson> create(@AuthenticationPrincipal ScopedUser user, @RequestBody ItemBody body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(ItemJson.of(catalogue.create(body.draft(), user)));
	}

	@PutMapping("/items/id/{id}")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ItemJson update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @RequestBody ItemBody body) {
		return ItemJson.of(catalogue.update(QueryParameters.id(id), body.draft(), user));
	}

	@DeleteMapping("/items/id/{id}")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		catalogue.delete(QueryParameters.id(id), user);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(CatalogueRefusedException.class)
	ResponseEntity<ProblemDetail> refused(CatalogueRefusedException ex, Locale locale) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ApiProblems.invalid(
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
	}

	@ExceptionHandler(RecordNotFound.class)
	ResponseEntity<ProblemDetail> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiProblems.problem(HttpStatus.NOT_FOUND, null));
	}
}
