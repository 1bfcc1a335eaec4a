package org.wenming.complaint.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.complaint.Complaint;
import org.wenming.complaint.ComplaintRefusedException;
import org.wenming.complaint.ComplaintStatus;
import org.wenming.complaint.Complaints;
import org.wenming.platform.FormErrors;
import org.wenming.platform.FormValues;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.ScopedUser;

/**
 * The offices' complaint pages ({@code /admin/complaints}): the list in their scope (by status), recording a
 * complaint, one complaint with its steps and the next step's form. Outside the scope: not found (and a
 * security event); other roles 403; a step the status does not allow: 409 with the reason.
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class ComplaintPages extends PageController {

	static final int LIST_LIMIT = 500;

	private final Complaints complaints;

	ComplaintPages(Complaints complaints) {
		this.complaints = complaints;
	}

	@GetMapping("/admin/complaints")
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String status,
			@RequestParam(required = false) String done) {
		ComplaintStatus filter = status(status);
		return new ModelAndView("complaint/list", Map.of("view", new ComplaintViews.StaffList(
				complaints.in(user.scope(), filter, LIST_LIMIT), filter, List.of(ComplaintStatus.values()),
				"saved".equals(done))));
	}

	static ComplaintStatus status(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		for (ComplaintStatus s : ComplaintStatus.values()) {
			if (s.name().equals(status)) {
				return s;
			}
		}
		throw new InvalidInputException("status", "complaint.error.status");
	}

	@GetMapping("/admin/complaints/new")
	ModelAndView newForm() {
		return form(new FormValues(Map.of("complainantKind", "RESIDENT"), FormErrors.NONE), HttpStatus.OK);
	}

	@PostMapping("/admin/complaints/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, Input input) {
		try {
			Complaint c = complaints.receive(input.draft(), user);
			return new ModelAndView("redirect:/admin/complaints/" + c.id() + "?done=saved");
		}
		catch (ComplaintRefusedException ex) {
			return form(new FormValues(input.values(), errors(ex)), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/complaints/{id}")
	ModelAndView detail(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String done) {
		Complaint c = complaints.findForStaff(QueryParameters.id(id), user);
		return new ModelAndView("complaint/detail", Map.of("view", new ComplaintViews.Detail(c, FormValues.EMPTY,
				"saved".equals(done))));
	}

	@PostMapping("/admin/complaints/{id}/steps")
	ModelAndView step(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String action, @RequestParam(required = false) String reason) {
		long complaintId = QueryParameters.id(id);
		try {
			complaints.step(complaintId, action, reason, user);
			return new ModelAndView("redirect:/admin/complaints/" + complaintId + "?done=saved");
		}
		catch (ComplaintRefusedException ex) {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("action", action);
			values.put("reason", reason);
			ModelAndView page = new ModelAndView("complaint/detail", Map.of("view", new ComplaintViews.Detail(
					complaints.findForStaff(complaintId, user), new FormValues(values, errors(ex)), false)));
			page.setStatus(ex.kind() == ComplaintRefusedException.Kind.CONFLICT ? HttpStatus.CONFLICT
					: HttpStatus.BAD_REQUEST);
			return page;
		}
	}

	private ModelAndView form(FormValues form, HttpStatus status) {
		ModelAndView page = new ModelAndView("complaint/form", Map.of("view", form));
		page.setStatus(status);
		return page;
	}

	static FormErrors errors(ComplaintRefusedException ex) {
		FormErrors errors = FormErrors.none();
		ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
		return errors;
	}

	/** The form's fields. */
	record Input(String volunteerNumber, String complainantKind, String complainantName, String shiftId,
			String summary) {

		Complaints.Draft draft() {
			return new Complaints.Draft(volunteerNumber, complainantKind, complainantName, shiftId, summary);
		}

		Map<String, String> values() {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("volunteerNumber", volunteerNumber);
			values.put("complainantKind", complainantKind);
			values.put("complainantName", complainantName);
			values.put("shiftId", shiftId);
			values.put("summary", summary);
			return values;
		}
	}
}
