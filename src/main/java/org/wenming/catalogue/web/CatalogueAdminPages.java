package org.wenming.catalogue.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.catalogue.Catalogue;
import org.wenming.catalogue.CatalogueDraft;
import org.wenming.catalogue.CatalogueItem;
import org.wenming.catalogue.CatalogueRefusedException;
import org.wenming.catalogue.CatalogueTransfer;
import org.wenming.platform.FormErrors;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/**
 * Staff's pages of the catalogue ({@code /admin/catalogue}): the items in their scope with the search and filters,
 * the new and edit forms, delete, the XLSX import (its report on the list) and the export of the current search.
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class CatalogueAdminPages extends PageController {

	static final int PAGE_SIZE = 50;

	private final Catalogue catalogue;

	private final CatalogueTransfer transfer;

	CatalogueAdminPages(Catalogue catalogue, CatalogueTransfer transfer) {
		this.catalogue = catalogue;
		this.transfer = transfer;
	}

	@GetMapping("/admin/catalogue")
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String department, @RequestParam(required = false) String scope,
			@RequestParam(required = false) String page, @RequestParam(required = false) String done) {
		return listPage(user, q, department, scope, page, "saved".equals(done) || "deleted".equals(done) ? done : "",
				null, HttpStatus.OK);
	}

	@GetMapping("/admin/catalogue/export.xlsx")
	ResponseEntity<byte[]> export(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String department, @RequestParam(required = false) String scope) {
		requireManaging(user);
		byte[] workbook = transfer.exportXlsx(HomeCatalogue.query(user.scope(), q, department, scope));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("catalogue.xlsx").build()
				.toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(workbook);
	}

	@PostMapping("/admin/catalogue/import")
	ModelAndView importXlsx(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) MultipartFile file) {
		requireManaging(user);
		CatalogueTransfer.Report report = transfer.importXlsx(bytes(file), user);
		return listPage(user, null, null, null, null, "", report, report.stored() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
	}

	@GetMapping("/admin/catalogue/new")
	ModelAndView newItem(@AuthenticationPrincipal ScopedUser user) {
		requireManaging(user);
		return form(null, Map.of("level", "COUNTY", "regionCode", user.scope().isEverything() ? "" : user.scope().regionCode()),
				FormErrors.NONE, HttpStatus.OK);
	}

	@PostMapping("/admin/catalogue/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, ItemInput input) {
		requireManaging(user);
		try {
			catalogue.create(input.draft(), user);
			return new ModelAndView("redirect:/admin/catalogue?done=saved");
		}
		catch (CatalogueRefusedException ex) {
			return form(null, input.values(), errors(ex), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/catalogue/{id}/edit")
	ModelAndView edit(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		CatalogueItem item = catalogue.findForStaff(QueryParameters.id(id), user);
		return form(item, ItemInput.of(item).values(), FormErrors.NONE, HttpStatus.OK);
	}

	@PostMapping("/admin/catalogue/{id}/edit")
	ModelAndView update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, ItemInput input) {
		CatalogueItem item = catalogue.findForStaff(QueryParameters.id(id), user);
		try {
			catalogue.update(item.id(), input.draft(), user);
			return new ModelAndView("redirect:/admin/catalogue?done=saved");
		}
		catch (CatalogueRefusedException ex) {
			return form(item, input.values(), errors(ex), HttpStatus.BAD_REQUEST);
		}
	}

	@PostMapping("/admin/catalogue/{id}/delete")
	String delete(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		catalogue.delete(QueryParameters.id(id), user);
		return "redirect:/admin/catalogue?done=deleted";
	}

	private ModelAndView listPage(ScopedUser user, String q, String department, String scope, String page, String done,
			CatalogueTransfer.Report report, HttpStatus status) {
		requireManaging(user);
		Catalogue.Query query = HomeCatalogue.query(user.scope(), q, department, scope);
		Paging.Page<CatalogueItem> results = catalogue.search(query, Paging.page(page), PAGE_SIZE);
		CatalogueViews.Search search = new CatalogueViews.Search("/admin/catalogue", "", query.text(), query.department(),
				query.scope() == null ? "" : query.scope().name(), catalogue.departments(user.scope()), results);
		ModelAndView view = new ModelAndView("catalogue/admin-list", Map.of("view",
				new CatalogueViews.Staff(search, done, report)));
		view.setStatus(status);
		return view;
	}

	private ModelAndView form(CatalogueItem item, Map<String, String> values, FormErrors errors, HttpStatus status) {
		ModelAndView page = new ModelAndView("catalogue/form", Map.of("view", new CatalogueViews.Form(item, values, errors,
				item == null ? "/admin/catalogue/new" : "/admin/catalogue/" + item.id() + "/edit")));
		page.setStatus(status);
		return page;
	}

	private static void requireManaging(ScopedUser user) {
		if (!Catalogue.mayManage(user)) {
			throw new RecordNotFound();
		}
	}

	private static byte[] bytes(MultipartFile file) {
		if (file == null || file.isEmpty()) {
			return null;
		}
		if (file.getSize() > CatalogueTransfer.MAX_BYTES) {
			return new byte[CatalogueTransfer.MAX_BYTES + 1];
		}
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static FormErrors errors(CatalogueRefusedException ex) {
		FormErrors errors = FormErrors.none();
		ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
		return errors;
	}

	/** The form's fields; scopes as checkboxes, partners one per line. */
	record ItemInput(String code, String name, String department, String level, String regionCode, String howToApply,
			String onlineLink, String materials, String timeLimitDays, String fee, List<String> scopes, String partners) {

		static ItemInput of(CatalogueItem i) {
			return new ItemInput(i.code(), i.name(), i.department(), i.level(), i.regionCode(), i.howToApply(),
					i.onlineLink() == null ? "" : i.onlineLink(), i.materials(),
					i.timeLimitDays() == null ? "" : String.valueOf(i.timeLimitDays()), i.fee(), Arrays.asList(i.scopes()),
					String.join("\n", i.partners()));
		}

		CatalogueDraft draft() {
			return new CatalogueDraft(code, name, department, level, regionCode, howToApply, onlineLink, materials,
					timeLimitDays, fee, scopes, partners == null ? List.of() : partners.lines().toList());
		}

		Map<String, String> values() {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("code", code);
			values.put("name", name);
			values.put("department", department);
			values.put("level", level);
			values.put("regionCode", regionCode);
			values.put("howToApply", howToApply);
			values.put("onlineLink", onlineLink);
			values.put("materials", materials);
			values.put("timeLimitDays", timeLimitDays);
			values.put("fee", fee);
			values.put("scopes", scopes == null ? "" : String.join(",", scopes));
			values.put("partners", partners);
			return values;
		}
	}
}
