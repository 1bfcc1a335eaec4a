package org.wenming.activity.web;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wenming.activity.Activities;
import org.wenming.activity.ActivityNotice;
import org.wenming.activity.CalendarFeeds;
import org.wenming.activity.MySignup;
import org.wenming.activity.Signups;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteer;

/** "My activities": a volunteer's sign-ups (upcoming and past), what they were told, and their calendar feed. */
@Controller
class MyActivitiesController extends ActivityPageErrors {

	static final int ROWS = 500;

	private final Signups signups;

	private final Activities activities;

	private final CalendarFeeds feeds;

	MyActivitiesController(Signups signups, Activities activities, CalendarFeeds feeds, MessageSource messages) {
		super(messages);
		this.signups = signups;
		this.activities = activities;
		this.feeds = feeds;
	}

	@GetMapping("/me/activities")
	ModelAndView mine(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		Optional<Volunteer> volunteer = signups.ownVolunteer(user);
		Map<String, Object> model = new HashMap<>();
		model.put("volunteer", volunteer.isPresent());
		List<MySignup> all = volunteer.map(v -> signups.mine(v.id(), ROWS)).orElse(List.of());
		List<ActivityNotice> notices = volunteer.map(v -> signups.notices(v.id(), 50)).orElse(List.of());
		volunteer.ifPresent(v -> signups.markNoticesRead(v.id()));
		var now = activities.now();
		model.put("upcoming", all.stream().filter(s -> s.endsAt().isAfter(now))
			.sorted(java.util.Comparator.comparing(MySignup::startsAt)).toList());
		model.put("past", all.stream().filter(s -> !s.endsAt().isAfter(now)).toList());
		model.put("notices", notices);
		model.put("now", now);
		model.put("feedUrl", volunteer.flatMap(v -> feeds.token(v.id())).map(t -> baseUrl() + "/calendar/" + t + ".ics")
			.orElse(""));
		model.put("done", done != null && done.matches("cancelled|feed|revoked") ? "activity.done." + done : "");
		return new ModelAndView("activity/mine", model);
	}

	/** A new secret feed address (the old one stops working). */
	@PostMapping("/me/activities/calendar")
	String regenerate(@AuthenticationPrincipal ScopedUser user) {
		feeds.regenerate(signups.volunteerOf(user).id());
		return "redirect:/me/activities?done=feed";
	}

	@PostMapping("/me/activities/calendar/revoke")
	String revoke(@AuthenticationPrincipal ScopedUser user) {
		feeds.revoke(signups.volunteerOf(user).id());
		return "redirect:/me/activities?done=revoked";
	}

	/** The feed itself: public, the token is the secret; an unknown token is simply not found. */
	@GetMapping("/calendar/{token}.ics")
	ResponseEntity<byte[]> feed(@PathVariable String token) {
		return feeds.feed(token, baseUrl())
			.map(ics -> ResponseEntity.ok()
				.contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
				.cacheControl(CacheControl.noStore())
				.body(ics.getBytes(StandardCharsets.UTF_8)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	private static String baseUrl() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}
}
