package org.wenming.activity.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.Shift;
import org.wenming.activity.Signup;
import org.wenming.activity.Signups;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteer;

/** The public activity pages: the list (by region, dates, type, near me) and one activity with its shifts. */
@Controller
class ActivityDirectoryController extends ActivityPageErrors {

	static final int PAGE_SIZE = 20;

	private final Activities activities;

	private final Signups signups;

	private final Regions regions;

	private final org.wenming.volunteer.Volunteers volunteers;

	ActivityDirectoryController(Activities activities, Signups signups, Regions regions,
			org.wenming.volunteer.Volunteers volunteers, MessageSource messages) {
		super(messages);
		this.volunteers = volunteers;
		this.activities = activities;
		this.signups = signups;
		this.regions = regions;
	}

	@GetMapping("/activities")
	ModelAndView list(@RequestParam(required = false) String region, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String type,
			@RequestParam(required = false) String lat, @RequestParam(required = false) String lng,
			@RequestParam(required = false) String radius, @RequestParam(required = false) String page) {
		ActivityFilters filters = ActivityFilters.read(region, from, to, type, lat, lng, radius, page, PAGE_SIZE, regions,
				activities.homeCity());
		return new ModelAndView("activity/directory", Map.of("view", new DirectoryView(filters,
				activities.list(filters.query()), regions.choice("region", activities.homeCity().code(),
						filters.region().code(), true),
				regions.breadcrumb(filters.region()), regions.children(filters.region().code()))));
	}

	@GetMapping("/activities/{id}")
	ModelAndView activity(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String done) {
		Activity activity = activities.findPublished(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		List<Shift> shifts = activities.shifts(activity.id());
		Optional<Volunteer> volunteer = signups.ownVolunteer(user);
		List<Signup> mine = volunteer.map(v -> signups.liveSignups(v.id(), shifts.stream().map(Shift::id).toList()))
			.orElse(List.of());
		String doneKey = done != null && done.matches("CONFIRMED|WAITLISTED|PENDING|cancelled")
				? "activity.done." + done : null;
		return new ModelAndView("activity/activity", Map.of("view", new ActivityView(activity, shifts, mine,
				volunteer.isPresent(), activities.now(), doneKey, volunteers.skills())));
	}

	/** A signed-in volunteer signs up for a shift (confirmed, waitlisted or pending). */
	@PostMapping("/activities/{id}/shifts/{shiftId}/signup")
	String signUp(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @PathVariable String shiftId) {
		long activityId = QueryParameters.id(id);
		Shift shift = activities.shift(QueryParameters.id(shiftId)).filter(s -> s.activityId() == activityId)
			.orElseThrow(RecordNotFound::new);
		Signup signup = signups.signUp(shift.id(), user);
		return "redirect:/activities/" + activityId + "?done=" + signup.status().name();
	}

	/** The volunteer withdraws a sign-up; back to where they came from. */
	@PostMapping("/me/activities/signups/{id}/cancel")
	String cancel(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String back) {
		Signup signup = signups.cancel(QueryParameters.id(id), user);
		long activityId = activities.shift(signup.shiftId()).orElseThrow().activityId();
		return "activity".equals(back) ? "redirect:/activities/" + activityId + "?done=cancelled"
				: "redirect:/me/activities?done=cancelled";
	}
}
