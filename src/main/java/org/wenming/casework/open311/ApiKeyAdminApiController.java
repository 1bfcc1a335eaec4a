package org.wenming.casework.open311;

import java.net.URI;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.shared.ScopedUser;

/** The Open311 keys as JSON, for the same staff as the page: list, issue (the key in this answer only), revoke. */
@RestController
@RequestMapping("/api/v1/admin/open311/keys")
class ApiKeyAdminApiController {

	private final ApiKeys keys;

	ApiKeyAdminApiController(ApiKeys keys) {
		this.keys = keys;
	}

	/** A new key's name, e.g. the partner system that will hold it. */
	record KeyRequest(String name) {
	}

	@GetMapping
	List<ApiKeys.ApiKey> list(@AuthenticationPrincipal ScopedUser user) {
		ApiKeyAdminController.requireManager(user);
		return keys.list();
	}

	@PostMapping
	ResponseEntity<ApiKeys.IssuedKey> issue(@AuthenticationPrincipal ScopedUser user,
			@RequestBody(required = false) KeyRequest request) {
		ApiKeyAdminController.requireManager(user);
		ApiKeys.IssuedKey issued = keys.issue(request == null ? null : request.name(), user);
		return ResponseEntity.created(URI.create("/api/v1/admin/open311/keys/" + issued.id()))
				.cacheControl(CacheControl.noStore()).body(issued);
	}

	@PostMapping("/{id}/revoke")
	ApiKeys.ApiKey revoke(@AuthenticationPrincipal ScopedUser user, @PathVariable long id) {
		ApiKeyAdminController.requireManager(user);
		if (keys.find(id).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		keys.revoke(id, user);
		return keys.find(id).orElseThrow();
	}
}
