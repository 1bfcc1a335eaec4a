package org.wenming.activity.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.ActivityDraft;
import org.wenming.activity.ActivityPage;
import org.wenming.activity.ActivityRefusedException;
import org.wenming.activity.ActivityStatus;
import org.wenming.activity.Shift;
import org.wenming.activity.Signups;
import org.wenming.platform.ApiIds;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteers;

/** Organizing activities over JSON, with the same scope as the pages (session cookie + CSRF header for writes). */
@RestController
@RequestMapping("/api/v1/admin/activities")
class ActivityAdminApiController extends ActivityProblems {

	static final int SIZE_MAX = 200;

	private final Activities activities;

	private final Signups signups;

	private final Volunteers volunteers;

	ActivityAdminApiController(Activities activities, Signups signups, Volunteers volunteers, MessageSource messages) {
		super(messages);
		this.activities = activities;
		this.signups = signups;
		this.volunteers = volunteers;
	}

	@GetMapping
	Paging.Page<ActivityJson.Listing> list(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) String region, @RequestParam(required = false) String status,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		if (!activities.mayOrganizeAny(user)) {
			throw new AccessDeniedException("organizing activities needs a staff role or a team to lead");
		}
		Region start = activities.managingRegion(QueryParameters.regionCode("region", region), user)
			.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		ActivityStatus statusFilter = status == null || status.isEmpty() ? null
				: java.util.Arrays.stream(ActivityStatus.values()).filter(s -> s.name().equals(status)).findFirst()
					.orElseThrow(() -> new InvalidInputException("status", "is not an activity status"));
		ActivityPage found = activities.listForManaging(start, statusFilter, Paging.page(page),
				Paging.size(size, 50, SIZE_MAX), user);
		return new Paging.Page<>(found.items().stream().map(ActivityJson.Listing::of).toList(), found.total(),
				found.page(), found.size(), found.pages());
	}

	@GetMapping("/{id}")
	ActivityJson.Staff activity(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		Activity activity = activities.findForManaging(ApiIds.id(id), user)
			.orElseThrow(ActivityProblems::notFoundException);
		return staff(activity);
	}

	@PostMapping
	ResponseEntity<ActivityJson.Staff> create(@AuthenticationPrincipal ScopedUser user,
			@RequestBody ActivityJson.Input input) {
		Activity activity = activities.create(draft(input), user);
		return ResponseEntity.created(URI.create("/api/v1/admin/activities/" + activity.id())).body(staff(activity));
	}

	@PutMapping("/{id}")
	ActivityJson.Staff update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody ActivityJson.Input input) {
		long activityId = ApiIds.id(id);
		activities.findForManaging(activityId, user).orElseThrow(ActivityProblems::notFoundException);
		ActivityDraft draft = draft(input);
		if (input.version() == null) {
			throw ActivityRefusedException.invalid("version", "activity.error.required");
		}
		return staff(activities.update(activityId, input.version(), draft, user));
	}

	/** publish, cancel ({"reason": …}) or finish ({"audienceCount": …} for a lecture). */
	@PostMapping("/{id}/{action}")
	ActivityJson.Staff act(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String action, @RequestBody(required = false) ActivityJson.Step step) {
		long activityId = ApiIds.id(id);
		activities.findForManaging(activityId, user).orElseThrow(ActivityProblems::notFoundException);
		Activity done = switch (action) {
			case "publish" -> activities.publish(activityId, user);
			case "cancel" -> activities.cancel(activityId, step == null ? null : step.reason(), user);
			case "finish" -> activities.finish(activityId, step == null ? null : step.audienceCount(), user);
			default -> throw notFoundException();
		};
		return staff(done);
	}

	@GetMapping("/{id}/shifts/{shiftId}/signups")
	List<ActivityJson.RosterJson> roster(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String shiftId) {
		Activity activity = activities.findForManaging(ApiIds.id(id), user)
			.orElseThrow(ActivityProblems::notFoundException);
		Shift shift = activities.shift(ApiIds.id(shiftId)).filter(s -> s.activityId() == activity.id())
			.orElseThrow(ActivityProblems::notFoundException);
		return signups.roster(shift.id(), ActivityAdminController.ROSTER_ROWS).stream().map(ActivityJson.RosterJson::of)
			.toList();
	}

	/** approve, or decline with {"reason": …}, a pending sign-up. */
	@PostMapping("/{id}/signups/{signupId}/{action}")
	ActivityJson.SignupJson decide(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String signupId, @PathVariable String action,
			@RequestBody(required = false) ActivityJson.Step step) {
		Activity activity = activities.findForManaging(ApiIds.id(id), user)
			.orElseThrow(ActivityProblems::notFoundException);
		long signup = ApiIds.id(signupId);
		signups.find(signup).flatMap(s -> activities.shift(s.shiftId())).filter(s -> s.activityId() == activity.id())
			.orElseThrow(ActivityProblems::notFoundException);
		return ActivityJson.SignupJson.of(switch (action) {
			case "approve" -> signups.approve(signup, user);
			case "decline" -> signups.decline(signup, step == null ? null : step.reason(), user);
			default -> throw notFoundException();
		});
	}

	private ActivityDraft draft(ActivityJson.Input input) {
		List<FieldProblem> problems = new ArrayList<>();
		ActivityDraft draft = input.draft(problems);
		if (!problems.isEmpty()) {
			throw new ActivityRefusedException(ActivityForm.all(problems, draft, volunteers.skillCodes(), activities.now()));
		}
		return draft;
	}

	private ActivityJson.Staff staff(Activity activity) {
		return ActivityJson.Staff.of(activity, activities.shifts(activity.id()), activities.now());
	}
}
