package org.wenming.ledger.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.ledger.CorrectionDraft;
import org.wenming.ledger.LedgerRefusedException;
import org.wenming.ledger.MyHours;
import org.wenming.ledger.RecordRow;
import org.wenming.ledger.ServiceLedger;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/** The volunteer's own hours (/me/hours) and their correction requests (更正 / 补录). */
@Controller
@RequestMapping("/me/hours")
class MyHoursController extends PageController {

	private final ServiceLedger ledger;

	MyHoursController(ServiceLedger ledger) {
		this.ledger = ledger;
	}

	@GetMapping
	ModelAndView hours(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String requested) {
		Optional<MyHours> mine = ledger.myHours(user);
		Map<String, Object> model = new HashMap<>();
		model.put("hours", mine.orElse(null));
		model.put("requested", requested != null);
		return new ModelAndView("ledger/me", model);
	}

	@GetMapping("/corrections/new")
	ModelAndView newCorrection(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String record) {
		RecordRow row = record == null || record.isEmpty() ? null
				: ledger.ownRecord(QueryParameters.id(record), user).orElseThrow(RecordNotFound::new);
		Map<String, String> values = new HashMap<>();
		if (row != null) {
			values.put("record", String.valueOf(row.seq()));
			values.put("hours", row.hours().toPlainString());
		}
		return form(row, new FormView(values, Map.of()), HttpStatus.OK);
	}

	@PostMapping("/corrections")
	ModelAndView request(@AuthenticationPrincipal ScopedUser user, @RequestParam Map<String, String> params) {
		Map<String, String> values = new HashMap<>();
		for (String field : List.of("record", "hours", "reason", "teamId", "activityTitle", "day", "start", "end")) {
			String value = params.get(field);
			values.put(field, value == null ? "" : value.length() > 300 ? value.substring(0, 300) : value);
		}
		RecordRow row = null;
		try {
			Long seq = LedgerInputs.id("record", params.get("record"), false);
			if (seq != null) {
				row = ledger.ownRecord(seq, user).orElseThrow(RecordNotFound::new);
				ledger.requestCorrection(new CorrectionDraft(seq, LedgerInputs.hours("hours", params.get("hours")),
						params.get("reason"), null, null, null, null, null), user);
			}
			else {
				ledger.requestCorrection(new CorrectionDraft(null, LedgerInputs.hours("hours", params.get("hours")),
						params.get("reason"), LedgerInputs.id("teamId", params.get("teamId"), true),
						params.get("activityTitle"), LedgerInputs.date("day", params.get("day"), true),
						LedgerInputs.time("start", params.get("start")), LedgerInputs.time("end", params.get("end"))),
						user);
			}
			return new ModelAndView("redirect:/me/hours?requested=true");
		}
		catch (LedgerRefusedException ex) {
			return form(row, new FormView(values, Map.of(ex.field(), ex.messageKey())), HttpStatus.BAD_REQUEST);
		}
	}

	private ModelAndView form(RecordRow record, FormView form, HttpStatus status) {
		Map<String, Object> model = new HashMap<>();
		model.put("record", record);
		model.put("form", form);
		return new ModelAndView("ledger/correction-form", model, status);
	}
}
