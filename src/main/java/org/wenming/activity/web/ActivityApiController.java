package org.wenming.activity.web;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.ActivityPage;
import org.wenming.activity.Signup;
import org.wenming.activity.Signups;
import org.wenming.platform.ApiIds;
import org.wenming.platform.DirectAnswer;
import org.wenming.platform.Paging;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.json.JsonMapper;

/** Published activities over JSON for everyone, and a volunteer's own sign-ups. */
@RestController
class ActivityApiController extends ActivityProblems {

	static final int SIZE_MAX = 200;

	private final Activities activities;

	private final Signups signups;

	private final Regions regions;

	/** The same mapper Spring MVC's JSON converter uses, for the answers written directly. */
	private final JsonMapper json;

	ActivityApiController(Activities activities, Signups signups, Regions regions, JsonMapper json,
			MessageSource messages) {
		super(messages);
		this.activities = activities;
		this.signups = signups;
		this.regions = regions;
		this.json = json;
	}

	@GetMapping("/api/v1/activities")
	Paging.Page<ActivityJson.Listing> list(@RequestParam(required = false) String region,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String type, @RequestParam(required = false) String lat,
			@RequestParam(required = false) String lng, @RequestParam(required = false) String radius,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		ActivityFilters filters = ActivityFilters.read(region, from, to, type,
				lat, lng, radius, page, Paging.size(size, 20, SIZE_MAX), regions, activities.homeCity());
		ActivityPage found = activities.list(filters.query());
		return new Paging.Page<>(found.items().stream().map(ActivityJson.Listing::of).toList(), found.total(),
				found.page(), found.size(), found.pages());
	}

	@GetMapping("/api/v1/activities/{id}")
	ActivityJson.Detail activity(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		Activity activity = activities.findPublished(ApiIds.id(id), user)
			.orElseThrow(ActivityProblems::notFoundException);
		return ActivityJson.Detail.of(activity, activities.shifts(activity.id()), activities.now());
	}

	/**
	 * Signs the caller up: 201 with the sign-up (CONFIRMED, WAITLISTED or PENDING). The request thread is
	 * free while the sign-up waits in its shift's line, and the thread that decided it writes the answer
	 * ({@link DirectAnswer}); a refusal or an unknown shift (404) comes back through this method's
	 * dispatch to the same exception handlers as any other. (Asking for the response also tells Spring MVC
	 * that this method answers itself.)
	 */
	@Operation(summary = "Sign the caller up for a shift: the sign-up, CONFIRMED, WAITLISTED or PENDING",
			responses = @ApiResponse(responseCode = "201", description = "signed up",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = ActivityJson.SignupJson.class))))
	@PostMapping("/api/v1/shifts/{id}/signups")
	void signUp(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		if (DirectAnswer.isFailureDispatch(request)) {
			DirectAnswer.rethrowFailure(request);
		}
		CompletableFuture<Signup> soon = signups.signUpSoon(ApiIds.id(id), user);
		DirectAnswer answer = DirectAnswer.start(request, response);
		soon.whenComplete((signup, failure) -> {
			if (failure != null) {
				answer.fail(failure instanceof CompletionException wrapped && wrapped.getCause() != null
						? wrapped.getCause() : failure);
			}
			else {
				answer.answer(written -> created(written, ActivityJson.SignupJson.of(signup)));
			}
		});
	}

	private void created(HttpServletResponse response, ActivityJson.SignupJson body) throws IOException {
		response.setStatus(HttpServletResponse.SC_CREATED);
		response.setHeader(HttpHeaders.LOCATION, "/api/v1/me/signups");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		json.writeValue(response.getOutputStream(), body);
	}

	@PostMapping("/api/v1/signups/{id}/cancel")
	ActivityJson.SignupJson cancel(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return ActivityJson.SignupJson.of(signups.cancel(ApiIds.id(id), user));
	}

	@GetMapping("/api/v1/me/signups")
	ActivityJson.Mine mine(@AuthenticationPrincipal ScopedUser user) {
		Volunteer volunteer = signups.volunteerOf(user);
		return new ActivityJson.Mine(
				signups.mine(volunteer.id(), MyActivitiesController.ROWS).stream().map(ActivityJson.MySignupJson::of)
					.toList(),
				signups.notices(volunteer.id(), 50).stream().map(ActivityJson.NoticeJson::of).toList());
	}

	static <T> List<T> none() {
		return List.of();
	}
}
