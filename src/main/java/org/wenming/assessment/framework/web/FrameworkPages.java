package org.wenming.assessment.framework.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.assessment.PlaceType;
import org.wenming.assessment.framework.CriterionDraft;
import org.wenming.assessment.framework.CriterionView;
import org.wenming.assessment.framework.FrameworkContent;
import org.wenming.assessment.framework.FrameworkRefusedException;
import org.wenming.assessment.framework.FrameworkView;
import org.wenming.assessment.framework.FrameworkWorkbook;
import org.wenming.assessment.framework.Frameworks;
import org.wenming.assessment.framework.SampleFramework;
import org.wenming.platform.FormErrors;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Staff pages of the criteria frameworks (测评体系): the list with new draft, sample and import; one
 * version by place type with its totals; for the city office, a draft's editing (items, criteria with
 * their order), publishing after a confirmation, a new version from a published one, deleting a draft.
 * A refused edit comes back with the message next to the field; a change to a published version is
 * answered 409 with the page saying why.
 */
@Controller
class FrameworkPages extends PageController {

	static final String BASE = "/admin/assessment/frameworks";

	private final Frameworks frameworks;

	private final FrameworkWorkbook workbook;

	private final SampleFramework sample;

	FrameworkPages(Frameworks frameworks, FrameworkWorkbook workbook, SampleFramework sample) {
		this.frameworks = frameworks;
		this.workbook = workbook;
		this.sample = sample;
	}

	// ---- the list -------------------------------------------------------------------------------

	@GetMapping(BASE)
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String saved) {
		FrameworkAccess.requireRead(user);
		return listPage(user, "", FormErrors.NONE, Map.of(), List.of(), HttpStatus.OK, saved != null);
	}

	@PostMapping(BASE)
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, @RequestParam MultiValueMap<String, String> form) {
		FrameworkAccess.requireEdit(user);
		try {
			long id = frameworks.createDraft(form.getFirst("name"), form.getFirst("description"), user.username());
			return redirect(id, null);
		}
		catch (FrameworkRefusedException ex) {
			return listPage(user, "new", errors(ex), form.toSingleValueMap(), List.of(), status(ex), false);
		}
	}

	@PostMapping(BASE + "/sample")
	ModelAndView loadSample(@AuthenticationPrincipal ScopedUser user, @RequestParam MultiValueMap<String, String> form) {
		FrameworkAccess.requireEdit(user);
		String name = form.getFirst("name");
		try {
			long id = sample.loadDraft(name == null || name.isBlank() ? SampleFramework.NAME : name, user.username());
			return redirect(id, null);
		}
		catch (FrameworkRefusedException ex) {
			return listPage(user, "sample", errors(ex), form.toSingleValueMap(), List.of(), status(ex), false);
		}
	}

	@PostMapping(BASE + "/import")
	ModelAndView importDraft(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String name) throws IOException {
		FrameworkAccess.requireEdit(user);
		Map<String, String> values = name == null ? Map.of() : Map.of("name", name);
		try {
			if (file == null || file.getSize() > FrameworkWorkbook.MAX_BYTES) {
				throw new FrameworkWorkbook.ImportRefused(List.of(new FrameworkContent.RowError("", 0, "",
						file == null ? "assessment.framework.import.empty" : "assessment.framework.import.tooLarge")));
			}
			long id = workbook.importDraft(file.getBytes(), name, user.username());
			return redirect(id, null);
		}
		catch (FrameworkWorkbook.ImportRefused ex) {
			FormErrors errors = FormErrors.none();
			errors.add("file", "assessment.framework.import.refused");
			return listPage(user, "import", errors, values, ex.errors(), HttpStatus.BAD_REQUEST, false);
		}
		catch (FrameworkRefusedException ex) {
			return listPage(user, "import", errors(ex), values, List.of(), status(ex), false);
		}
	}

	private ModelAndView listPage(ScopedUser user, String form, FormErrors errors, Map<String, String> values,
			List<FrameworkContent.RowError> importErrors, HttpStatus status, boolean saved) {
		Map<String, Object> model = new HashMap<>();
		model.put("frameworks", frameworks.list());
		model.put("canEdit", FrameworkAccess.canEdit(user));
		model.put("form", form);
		model.put("errors", errors);
		model.put("values", values);
		model.put("importErrors", importErrors);
		model.put("saved", saved);
		model.put("sampleName", SampleFramework.NAME);
		return new ModelAndView("assessment/framework/list", model, status);
	}

	// ---- one version ----------------------------------------------------------------------------

	@GetMapping(BASE + "/{id}")
	ModelAndView view(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String type, @RequestParam(required = false) String saved) {
		FrameworkAccess.requireRead(user);
		return viewPage(user, load(id), placeType(type), "", FormErrors.NONE, Map.of(), HttpStatus.OK, saved != null);
	}

	@PostMapping(BASE + "/{id}")
	ModelAndView describe(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> form) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		try {
			frameworks.describe(framework.summary().id(), form.getFirst("name"), form.getFirst("description"),
					user.username());
			return redirect(framework.summary().id(), null);
		}
		catch (FrameworkRefusedException ex) {
			return viewPage(user, framework, null, "describe", errors(ex), form.toSingleValueMap(), status(ex), false);
		}
	}

	@PostMapping(BASE + "/{id}/items")
	ModelAndView addItem(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> form) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		try {
			frameworks.addItem(framework.summary().id(), form.getFirst("code"), form.getFirst("name"));
			return redirect(framework.summary().id(), null);
		}
		catch (FrameworkRefusedException ex) {
			return viewPage(user, framework, null, "item-new", errors(ex), form.toSingleValueMap(), status(ex), false);
		}
	}

	@PostMapping(BASE + "/{id}/items/{itemId}")
	ModelAndView itemAction(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String itemId, @RequestParam MultiValueMap<String, String> form) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		long item = QueryParameters.id(itemId);
		String action = form.getFirst("action");
		try {
			switch (action == null ? "save" : action) {
				case "up" -> frameworks.moveItem(framework.summary().id(), item, -1);
				case "down" -> frameworks.moveItem(framework.summary().id(), item, 1);
				case "remove" -> frameworks.removeItem(framework.summary().id(), item);
				case "save" -> frameworks.editItem(framework.summary().id(), item, form.getFirst("code"), form.getFirst("name"));
				default -> throw FrameworkRefusedException.invalid("action", "assessment.framework.error.direction");
			}
			return redirect(framework.summary().id(), null);
		}
		catch (FrameworkRefusedException ex) {
			return viewPage(user, framework, null, "item-" + item, errors(ex), form.toSingleValueMap(), status(ex), false);
		}
	}

	@PostMapping(BASE + "/{id}/criteria/{criterionId}/move")
	ModelAndView moveCriterion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String criterionId, @RequestParam(required = false) String direction) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		CriterionView criterion = criterion(framework, criterionId);
		try {
			frameworks.moveCriterion(framework.summary().id(), criterion.id(), FrameworkApiController.direction(direction));
			return redirect(framework.summary().id(), criterion.placeType());
		}
		catch (FrameworkRefusedException ex) {
			return viewPage(user, framework, criterion.placeType(), "", errors(ex), Map.of(), status(ex), false);
		}
	}

	@PostMapping(BASE + "/{id}/criteria/{criterionId}/remove")
	ModelAndView removeCriterion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String criterionId) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		CriterionView criterion = criterion(framework, criterionId);
		try {
			frameworks.removeCriterion(framework.summary().id(), criterion.id());
			return redirect(framework.summary().id(), criterion.placeType());
		}
		catch (FrameworkRefusedException ex) {
			return viewPage(user, framework, criterion.placeType(), "", errors(ex), Map.of(), status(ex), false);
		}
	}

	private ModelAndView viewPage(ScopedUser user, FrameworkView framework, PlaceType type, String form, FormErrors errors,
			Map<String, String> values, HttpStatus status, boolean saved) {
		Map<String, Object> model = new HashMap<>();
		model.put("framework", framework);
		model.put("type", type == null ? PlaceType.values()[0] : type);
		model.put("canEdit", FrameworkAccess.canEdit(user) && framework.summary().draft());
		model.put("canCopy", FrameworkAccess.canEdit(user) && !framework.summary().draft());
		model.put("form", form);
		model.put("errors", errors);
		model.put("values", values);
		model.put("saved", saved);
		model.put("basedOn", framework.summary().basedOnId() == null ? null
				: frameworks.find(framework.summary().basedOnId()).orElse(null));
		return new ModelAndView("assessment/framework/view", model, status);
	}

	// ---- a criterion's form ---------------------------------------------------------------------

	@GetMapping(BASE + "/{id}/criteria/new")
	ModelAndView newCriterion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String type) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		requireDraft(framework);
		PlaceType placeType = placeType(type);
		Map<String, String> values = new HashMap<>();
		values.put("placeType", (placeType == null ? PlaceType.values()[0] : placeType).name());
		values.put("rule", "PASS_FAIL");
		return criterionPage(framework, null, FormErrors.NONE, values, HttpStatus.OK);
	}

	@PostMapping(BASE + "/{id}/criteria")
	ModelAndView addCriterion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> form) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		try {
			frameworks.addCriterion(framework.summary().id(), draft(form));
			return redirect(framework.summary().id(), frameworks.placeType(form.getFirst("placeType")).orElse(null));
		}
		catch (FrameworkRefusedException ex) {
			return criterionPage(framework, null, errors(ex), form.toSingleValueMap(), status(ex));
		}
	}

	@GetMapping(BASE + "/{id}/criteria/{criterionId}")
	ModelAndView editCriterion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String criterionId) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		requireDraft(framework);
		CriterionView c = criterion(framework, criterionId);
		Map<String, String> values = new HashMap<>();
		values.put("itemCode", c.itemCode());
		values.put("placeType", c.placeType().name());
		values.put("code", c.code());
		values.put("text", c.text());
		values.put("fullMarks", plain(c.rule().fullMarks()));
		values.put("rule", c.rule().rule().name());
		values.put("deduction", plain(c.rule().deduction()));
		values.put("target", c.rule().target() == null ? "" : String.valueOf(c.rule().target()));
		values.put("caseCategory", c.caseCategory() == null ? "" : c.caseCategory());
		return criterionPage(framework, c, FormErrors.NONE, values, HttpStatus.OK);
	}

	@PostMapping(BASE + "/{id}/criteria/{criterionId}")
	ModelAndView saveCriterion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String criterionId, @RequestParam MultiValueMap<String, String> form) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		CriterionView c = criterion(framework, criterionId);
		try {
			frameworks.editCriterion(framework.summary().id(), c.id(), draft(form));
			return redirect(framework.summary().id(), frameworks.placeType(form.getFirst("placeType")).orElse(null));
		}
		catch (FrameworkRefusedException ex) {
			return criterionPage(framework, c, errors(ex), form.toSingleValueMap(), status(ex));
		}
	}

	private ModelAndView criterionPage(FrameworkView framework, CriterionView criterion, FormErrors errors,
			Map<String, String> values, HttpStatus status) {
		Map<String, Object> model = new HashMap<>();
		model.put("framework", framework);
		model.put("criterionId", criterion == null ? 0L : criterion.id());
		model.put("errors", errors);
		model.put("values", values);
		model.put("categories", frameworks.caseCategories());
		model.put("frozen", !framework.summary().draft());
		return new ModelAndView("assessment/framework/criterion", model, status);
	}

	/** The form's text as a draft; a number that does not parse is refused naming its field. */
	private static CriterionDraft draft(MultiValueMap<String, String> form) {
		return new CriterionDraft(form.getFirst("itemCode"), form.getFirst("placeType"), form.getFirst("code"),
				form.getFirst("text"), decimal(form, "fullMarks"), form.getFirst("rule"), decimal(form, "deduction"),
				integer(form, "target"), form.getFirst("caseCategory"));
	}

	private static BigDecimal decimal(MultiValueMap<String, String> form, String field) {
		String value = form.getFirst(field);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			String text = value.strip();
			if (text.length() > 12) {
				throw new NumberFormatException();
			}
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw FrameworkRefusedException.invalid(field, "assessment.framework.error." + field);
		}
	}

	private static Integer integer(MultiValueMap<String, String> form, String field) {
		String value = form.getFirst(field);
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!value.strip().matches("\\d{1,6}")) {
			throw FrameworkRefusedException.invalid(field, "assessment.framework.error." + field);
		}
		return Integer.valueOf(value.strip());
	}

	// ---- publish, new version, delete, export ----------------------------------------------------

	@GetMapping(BASE + "/{id}/publish")
	ModelAndView confirmPublish(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		return publishPage(framework, FormErrors.NONE, framework.summary().draft() ? HttpStatus.OK : HttpStatus.CONFLICT);
	}

	@PostMapping(BASE + "/{id}/publish")
	ModelAndView publish(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		try {
			frameworks.publish(framework.summary().id(), user.username());
			return redirect(framework.summary().id(), null);
		}
		catch (FrameworkRefusedException ex) {
			return publishPage(framework, errors(ex), status(ex));
		}
	}

	private ModelAndView publishPage(FrameworkView framework, FormErrors errors, HttpStatus status) {
		Map<String, Object> model = new HashMap<>();
		model.put("framework", framework);
		model.put("errors", errors);
		model.put("previous", frameworks.list().stream().filter(f -> f.name().equals(framework.summary().name())
				&& f.status() == org.wenming.assessment.framework.FrameworkStatus.PUBLISHED).findFirst().orElse(null));
		return new ModelAndView("assessment/framework/publish", model, status);
	}

	@PostMapping(BASE + "/{id}/new-version")
	ModelAndView newVersion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		try {
			return redirect(frameworks.newVersion(framework.summary().id(), user.username()), null);
		}
		catch (FrameworkRefusedException ex) {
			return viewPage(user, framework, null, "copy", errors(ex), Map.of(), status(ex), false);
		}
	}

	@PostMapping(BASE + "/{id}/delete")
	ModelAndView delete(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		FrameworkAccess.requireEdit(user);
		FrameworkView framework = load(id);
		try {
			frameworks.deleteDraft(framework.summary().id());
			return new ModelAndView("redirect:" + BASE + "?saved");
		}
		catch (FrameworkRefusedException ex) {
			return viewPage(user, framework, null, "delete", errors(ex), Map.of(), status(ex), false);
		}
	}

	@GetMapping(BASE + "/{id}/export.xlsx")
	ResponseEntity<byte[]> export(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) throws IOException {
		FrameworkAccess.requireRead(user);
		return FrameworkApiController.xlsx(load(id), workbook);
	}

	// ---- helpers ----------------------------------------------------------------------------------

	private FrameworkView load(String id) {
		return frameworks.view(QueryParameters.id(id)).orElseThrow(RecordNotFound::new);
	}

	private static CriterionView criterion(FrameworkView framework, String criterionId) {
		long cid = QueryParameters.id(criterionId);
		return framework.criteria().values().stream().flatMap(List::stream).filter(c -> c.id() == cid).findFirst()
				.orElseThrow(RecordNotFound::new);
	}

	private static void requireDraft(FrameworkView framework) {
		if (!framework.summary().draft()) {
			throw FrameworkRefusedException.frozen();
		}
	}

	/** A type named in the query; anything else is the first type. */
	private PlaceType placeType(String type) {
		return type == null ? null : frameworks.placeType(type).orElse(null);
	}

	private static ModelAndView redirect(long id, PlaceType type) {
		return new ModelAndView("redirect:" + BASE + "/" + id + "?saved" + (type == null ? "" : "&type=" + type.name()));
	}

	private static FormErrors errors(FrameworkRefusedException ex) {
		return FormErrors.of(ex.problems(), FrameworkRefusedException.Problem::field,
				FrameworkRefusedException.Problem::messageKey);
	}

	private static HttpStatus status(FrameworkRefusedException ex) {
		return FrameworkApiController.status(ex.kind());
	}

	static String plain(BigDecimal value) {
		return value == null ? "" : value.stripTrailingZeros().toPlainString();
	}

	/** A published version reached by a form it no longer has (a stale tab): 409 with the reason. */
	@ExceptionHandler(FrameworkRefusedException.class)
	void refused(FrameworkRefusedException ex, HttpServletResponse response) throws IOException {
		response.sendError(status(ex).value());
	}
}
