package org.wenming.account.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.wenming.shared.ScopedUser;

/** User administration as JSON, with the same scope and rules as the pages. */
@RestController
class UserApi {

	private final AccountAdministration administration;

	private final ApiErrors errors;

	UserApi(AccountAdministration administration, ApiErrors errors) {
		this.administration = administration;
		this.errors = errors;
	}

	/** A user as the API shows it (never with the password hash). */
	record UserView(long id, String username, String displayName, String regionCode, String regionName,
			boolean enabled, List<String> roles, String passwordChangedAt, String createdAt) {

		static UserView of(Account a) {
			return new UserView(a.id(), a.username(), a.displayName(), a.regionCode(), a.regionName(), a.enabled(),
					a.roles(), a.passwordChangedAt().toString(), a.createdAt().toString());
		}
	}

	record UserList(List<UserView> items, long total, int page, int size) {
	}

	@GetMapping("/api/v1/admin/users")
	UserList list(@AuthenticationPrincipal ScopedUser actor, @RequestParam(required = false) String q,
			@RequestParam(required = false) String role, @RequestParam(required = false) String page) {
		UserPage users = administration.list(actor, UserFilter.parse(q, role, page));
		return new UserList(users.items().stream().map(UserView::of).toList(), users.total(), users.page(),
				users.size());
	}

	@GetMapping("/api/v1/admin/users/{id}")
	UserView get(@AuthenticationPrincipal ScopedUser actor, @PathVariable long id) {
		return UserView.of(administration.get(actor, id));
	}

	@PostMapping("/api/v1/admin/users")
	ResponseEntity<UserView> create(@AuthenticationPrincipal ScopedUser actor, @RequestBody UserInput input,
			HttpServletRequest request) {
		UserView created = UserView.of(administration.create(actor, input, CurrentUser.ip(request)));
		return ResponseEntity.created(URI.create("/api/v1/admin/users/" + created.id())).body(created);
	}

	@PutMapping("/api/v1/admin/users/{id}")
	UserView update(@AuthenticationPrincipal ScopedUser actor, @PathVariable long id, @RequestBody UserInput input,
			HttpServletRequest request) {
		return UserView.of(administration.update(actor, id, input, CurrentUser.ip(request)));
	}

	@ExceptionHandler(InvalidFields.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ProblemDetail invalid(InvalidFields invalid) {
		return errors.invalid(invalid.errors());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ProblemDetail mismatch(MethodArgumentTypeMismatchException ex) {
		return errors.invalid(Map.of(ex.getName(), "error.number"));
	}

	@ExceptionHandler(UserNotFound.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	ProblemDetail notFound() {
		return errors.notFound();
	}
}
