package org.wenming.ledger.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.ledger.CorrectionRequest;
import org.wenming.ledger.LedgerRefusedException;
import org.wenming.ledger.ManualRecordDraft;
import org.wenming.ledger.RecordPage;
import org.wenming.ledger.RecordQuery;
import org.wenming.ledger.ServiceLedger;
import org.wenming.ledger.ServiceRecord;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/** Staff pages of the ledger: records in scope, manual records, correction requests. */
@Controller
@RequestMapping("/admin/ledger")
class LedgerAdminController extends PageController {

	static final int PAGE_SIZE = 50;

	static final int CORRECTIONS_SHOWN = 200;

	private final ServiceLedger ledger;

	LedgerAdminController(ServiceLedger ledger) {
		this.ledger = ledger;
	}

	@GetMapping
	ModelAndView records(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String volunteer,
			@RequestParam(required = false) String team, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String page) {
		ServiceLedger.requireStaff(user);
		Map<String, String> values = new HashMap<>();
		values.put("volunteer", volunteer == null ? "" : volunteer);
		values.put("team", team == null ? "" : team);
		values.put("from", from == null ? "" : from);
		values.put("to", to == null ? "" : to);
		RecordQuery query;
		try {
			query = new RecordQuery(LedgerInputs.volunteerNumber("volunteer", volunteer),
					LedgerInputs.id("team", team, false), LedgerInputs.date("from", from, false),
					LedgerInputs.date("to", to, false), Paging.page(page), PAGE_SIZE);
		}
		catch (LedgerRefusedException ex) {
			return new ModelAndView("ledger/admin-records", Map.of("form",
					new FormView(values, Map.of(ex.field(), ex.messageKey())), "records",
					new RecordPage(List.of(), 0, 0, PAGE_SIZE), "link", ""), HttpStatus.BAD_REQUEST);
		}
		RecordPage records = ledger.records(query, user);
		String link = "/admin/ledger?volunteer=" + enc(values.get("volunteer")) + "&team=" + enc(values.get("team"))
				+ "&from=" + enc(values.get("from")) + "&to=" + enc(values.get("to")) + "&page=";
		return new ModelAndView("ledger/admin-records",
				Map.of("form", new FormView(values, Map.of()), "records", records, "link", link));
	}

	@GetMapping("/records/new")
	ModelAndView newRecord(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String saved) {
		ServiceLedger.requireStaff(user);
		return form(FormView.empty(), saved == null ? null : String.valueOf(QueryParameters.id(saved)), HttpStatus.OK);
	}

	@PostMapping("/records/new")
	ModelAndView record(@AuthenticationPrincipal ScopedUser user, @RequestParam Map<String, String> params) {
		ServiceLedger.requireStaff(user);
		Map<String, String> values = new HashMap<>();
		for (String field : List.of("volunteerNumber", "organizationKind", "organizationId", "activityType",
				"activityTitle", "day", "start", "end", "confirmedBy")) {
			String value = params.get(field);
			values.put(field, value == null ? "" : value.length() > 300 ? value.substring(0, 300) : value);
		}
		try {
			ServiceRecord record = ledger.recordManual(draft(params), user);
			return new ModelAndView("redirect:/admin/ledger/records/new?saved=" + record.seq());
		}
		catch (LedgerRefusedException ex) {
			return form(new FormView(values, Map.of(ex.field(), ex.messageKey())), null, HttpStatus.BAD_REQUEST);
		}
	}

	static ManualRecordDraft draft(Map<String, String> params) {
		String kind = params.get("organizationKind");
		ManualRecordDraft.OrganizationKind organizationKind;
		if ("TEAM".equals(kind)) {
			organizationKind = ManualRecordDraft.OrganizationKind.TEAM;
		}
		else if ("SITE".equals(kind)) {
			organizationKind = ManualRecordDraft.OrganizationKind.SITE;
		}
		else {
			throw new LedgerRefusedException("organizationKind", "ledger.error.required");
		}
		if (params.get("volunteerNumber") == null || params.get("volunteerNumber").isBlank()) {
			throw new LedgerRefusedException("volunteerNumber", "ledger.error.required");
		}
		return new ManualRecordDraft(LedgerInputs.volunteerNumber("volunteerNumber", params.get("volunteerNumber")),
				organizationKind, LedgerInputs.id("organizationId", params.get("organizationId"), true),
				params.get("activityType"), params.get("activityTitle"), LedgerInputs.date("day", params.get("day"), true),
				LedgerInputs.time("start", params.get("start")), LedgerInputs.time("end", params.get("end")),
				params.get("confirmedBy"));
	}

	@GetMapping("/corrections")
	ModelAndView corrections(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		ServiceLedger.requireStaff(user);
		String doneKey = done == null || !done.matches("approve|decline") ? null : "ledger.corrections.done." + done;
		return correctionsPage(user, Map.of(), doneKey, HttpStatus.OK);
	}

	@PostMapping("/corrections/{id}/{action}")
	ModelAndView decide(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String action, @RequestParam(required = false) String reason) {
		ServiceLedger.requireStaff(user);
		long request = QueryParameters.id(id);
		try {
			switch (action) {
				case "approve" -> ledger.approve(request, user);
				case "decline" -> ledger.decline(request, reason, user);
				default -> throw new RecordNotFound();
			}
		}
		catch (LedgerRefusedException ex) {
			return correctionsPage(user, Map.of(String.valueOf(request), ex.messageKey()), null,
					HttpStatus.BAD_REQUEST);
		}
		return new ModelAndView("redirect:/admin/ledger/corrections?done=" + action);
	}

	private ModelAndView correctionsPage(ScopedUser user, Map<String, String> errors, String done, HttpStatus status) {
		List<CorrectionRequest> open = ledger.openCorrections(user, CORRECTIONS_SHOWN);
		Map<String, Object> model = new HashMap<>();
		model.put("requests", open);
		model.put("errors", errors);
		model.put("done", done == null ? "" : done);
		return new ModelAndView("ledger/admin-corrections", model, status);
	}

	private ModelAndView form(FormView form, String savedSeq, HttpStatus status) {
		Map<String, Object> model = new HashMap<>();
		model.put("form", form);
		model.put("saved", savedSeq == null ? "" : savedSeq);
		model.put("types", ledger.activityTypes());
		return new ModelAndView("ledger/admin-record-form", model, status);
	}

	private static String enc(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}
}
