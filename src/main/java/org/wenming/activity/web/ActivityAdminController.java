package org.wenming.activity.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.ActivityDraft;
import org.wenming.activity.ActivityPage;
import org.wenming.activity.ActivityRefusedException;
import org.wenming.activity.ActivityStatus;
import org.wenming.activity.Shift;
import org.wenming.activity.Signups;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.region.RegionChoice;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteers;

/**
 * Organizers' pages: the activities they organize (staff: in their region; leaders: their teams'),
 * creating and editing drafts, publishing, cancelling with a reason, finishing (a lecture with its
 * audience), and each shift's roster with approvals.
 */
@Controller
@RequestMapping("/admin/activities")
class ActivityAdminController extends ActivityPageErrors {

	static final int PAGE_SIZE = 20;

	static final int ROSTER_ROWS = 1000;

	private final Activities activities;

	private final Signups signups;

	private final Regions regions;

	private final Volunteers volunteers;

	ActivityAdminController(Activities activities, Signups signups, Regions regions, Volunteers volunteers,
			MessageSource messages) {
		super(messages);
		this.activities = activities;
		this.signups = signups;
		this.regions = regions;
		this.volunteers = volunteers;
	}

	@GetMapping
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String status, @RequestParam(required = false) String page) {
		requireOrganizer(user);
		Region start = activities.managingRegion(QueryParameters.regionCode("region", region), user)
			.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		ActivityStatus statusFilter = null;
		if (status != null && !status.isEmpty()) {
			statusFilter = java.util.Arrays.stream(ActivityStatus.values()).filter(s -> s.name().equals(status))
				.findFirst().orElseThrow(() -> new InvalidInputException("status", "is not an activity status"));
		}
		ActivityPage found = activities.listForManaging(start, statusFilter, Paging.page(page), PAGE_SIZE, user);
		Map<String, Object> model = new HashMap<>();
		model.put("region", start);
		model.put("status", statusFilter == null ? "" : statusFilter.name());
		model.put("activities", found);
		model.put("statuses", ActivityStatus.values());
		return new ModelAndView("activity/admin-list", model);
	}

	@GetMapping("/new")
	ModelAndView newActivity(@AuthenticationPrincipal ScopedUser user) {
		requireOrganizer(user);
		String root = rootRegion(user);
		return form(null, ActivityForm.empty(root), List.of(), user, HttpStatus.OK);
	}

	@PostMapping("/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, @RequestParam MultiValueMap<String, String> params) {
		requireOrganizer(user);
		ActivityForm form = ActivityForm.from(params);
		List<FieldProblem> problems = new ArrayList<>();
		ActivityDraft draft = form.draft(problems);
		try {
			if (!problems.isEmpty()) {
				throw new ActivityRefusedException(
						ActivityForm.all(problems, draft, volunteers.skillCodes(), activities.now()));
			}
			Activity activity = activities.create(draft, user);
			return new ModelAndView("redirect:/admin/activities/" + activity.id() + "?done=created");
		}
		catch (ActivityRefusedException ex) {
			if (ex.kind() != ActivityRefusedException.Kind.INVALID) {
				throw ex;
			}
			return form(null, form, ex.problems(), user, HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/{id}")
	ModelAndView detail(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String done) {
		Activity activity = activities.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		return detailPage(activity, Map.of(), done, HttpStatus.OK);
	}

	@GetMapping("/{id}/edit")
	ModelAndView edit(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		Activity activity = activities.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		return form(activity, ActivityForm.of(activity, activities.shifts(activity.id())), List.of(), user, HttpStatus.OK);
	}

	@PostMapping("/{id}/edit")
	ModelAndView update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> params) {
		Activity activity = activities.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		ActivityForm form = ActivityForm.from(params);
		List<FieldProblem> problems = new ArrayList<>();
		ActivityDraft draft = form.draft(problems);
		try {
			if (!problems.isEmpty()) {
				throw new ActivityRefusedException(
						ActivityForm.all(problems, draft, volunteers.skillCodes(), activities.now()));
			}
			activities.update(activity.id(), form.versionOrInvalid(), draft, user);
			return new ModelAndView("redirect:/admin/activities/" + activity.id() + "?done=saved");
		}
		catch (ActivityRefusedException ex) {
			if (ex.kind() != ActivityRefusedException.Kind.INVALID) {
				throw ex;
			}
			return form(activity, form, ex.problems(), user, HttpStatus.BAD_REQUEST);
		}
	}

	/** publish, cancel (with a reason) or finish (a lecture with its audience count). */
	@PostMapping("/{id}/{action}")
	ModelAndView act(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @PathVariable String action,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String audienceCount) {
		Activity activity = activities.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		try {
			switch (action) {
				case "publish" -> activities.publish(activity.id(), user);
				case "cancel" -> activities.cancel(activity.id(), reason, user);
				case "finish" -> {
					List<FieldProblem> problems = new ArrayList<>();
					Integer audience = Inputs.number("audienceCount", audienceCount, problems);
					if (!problems.isEmpty()) {
						throw new ActivityRefusedException(problems);
					}
					activities.finish(activity.id(), audience, user);
				}
				default -> throw new RecordNotFound();
			}
		}
		catch (ActivityRefusedException ex) {
			if (ex.kind() != ActivityRefusedException.Kind.INVALID) {
				throw ex;
			}
			Map<String, String> values = new HashMap<>();
			values.put("reason", reason == null ? "" : reason);
			values.put("audienceCount", audienceCount == null ? "" : audienceCount);
			Map<String, Object> errors = new HashMap<>();
			errors.put(action, ex.problems().get(0).messageKey());
			errors.put("values", values);
			return detailPage(activity, errors, null, HttpStatus.BAD_REQUEST);
		}
		return new ModelAndView("redirect:/admin/activities/" + activity.id() + "?done=" + action);
	}

	@GetMapping("/{id}/shifts/{shiftId}")
	ModelAndView roster(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @PathVariable String shiftId,
			@RequestParam(required = false) String done) {
		Activity activity = activities.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		Shift shift = activities.shift(QueryParameters.id(shiftId)).filter(s -> s.activityId() == activity.id())
			.orElseThrow(RecordNotFound::new);
		return rosterPage(activity, shift, Map.of(), done, HttpStatus.OK);
	}

	/** approve or decline (with a reason) a pending sign-up. */
	@PostMapping("/{id}/signups/{signupId}/{action}")
	ModelAndView decide(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String signupId, @PathVariable String action, @RequestParam(required = false) String reason) {
		Activity activity = activities.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		long signup = QueryParameters.id(signupId);
		Shift shift = signups.find(signup).flatMap(s -> activities.shift(s.shiftId()))
			.filter(s -> s.activityId() == activity.id()).orElseThrow(RecordNotFound::new);
		try {
			switch (action) {
				case "approve" -> signups.approve(signup, user);
				case "decline" -> signups.decline(signup, reason, user);
				default -> throw new RecordNotFound();
			}
		}
		catch (ActivityRefusedException ex) {
			if (ex.kind() != ActivityRefusedException.Kind.INVALID) {
				throw ex;
			}
			return rosterPage(activity, shift, Map.of(String.valueOf(signup), ex.problems().get(0).messageKey()), null,
					HttpStatus.BAD_REQUEST);
		}
		return new ModelAndView(
				"redirect:/admin/activities/" + activity.id() + "/shifts/" + shift.id() + "?done=" + action);
	}

	private ModelAndView detailPage(Activity activity, Map<String, Object> errors, String done, HttpStatus status) {
		Map<String, Object> model = new HashMap<>();
		model.put("activity", activity);
		model.put("shifts", activities.shifts(activity.id()));
		model.put("now", activities.now());
		model.put("errors", errors);
		model.put("done", done != null && done.matches("created|saved|publish|cancel|finish") ? "activity.done." + done : "");
		return new ModelAndView("activity/admin-detail", model, status);
	}

	private ModelAndView rosterPage(Activity activity, Shift shift, Map<String, String> errors, String done,
			HttpStatus status) {
		Map<String, Object> model = new HashMap<>();
		model.put("activity", activity);
		model.put("shift", shift);
		model.put("rows", signups.roster(shift.id(), ROSTER_ROWS));
		model.put("errors", errors);
		model.put("done", done != null && done.matches("approve|decline") ? "activity.done." + done : "");
		return new ModelAndView("activity/admin-roster", model, status);
	}

	private ModelAndView form(Activity activity, ActivityForm form, List<FieldProblem> problems, ScopedUser user,
			HttpStatus status) {
		RegionChoice choice = regions.choice("regionCode", rootRegion(user), form.value("regionCode"), true);
		return new ModelAndView("activity/admin-form", Map.of("view", ActivityFormView.of(activity, form, problems,
				activities.organizingTeams(user, 500), volunteers.skills(), choice)), status);
	}

	/** Where the region picker starts: a staff member's own region, else the city. */
	private String rootRegion(ScopedUser user) {
		return Activities.isStaff(user) && !user.scope().isEverything() ? user.scope().regionCode()
				: activities.homeCity().code();
	}

	private void requireOrganizer(ScopedUser user) {
		if (!activities.mayOrganizeAny(user)) {
			throw new AccessDeniedException("organizing activities needs a staff role or a team to lead");
		}
	}
}
