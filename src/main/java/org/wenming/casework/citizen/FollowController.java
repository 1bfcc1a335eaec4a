package org.wenming.casework.citizen;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/**
 * The reporter's follow link (跟踪): whoever holds the secret token sees the case's public progress and
 * photos, and may rate the outcome once it is closed. A wrong token is simply not found.
 */
@Controller
class FollowController extends PageController {

	private final CaseProgress progress;

	private final ProgressPages pages;

	FollowController(CaseProgress progress, ProgressPages pages) {
		this.progress = progress;
		this.pages = pages;
	}

	@GetMapping("/cases/follow/{token}")
	ModelAndView follow(@PathVariable String token, @RequestParam(name = "new", required = false) String fresh,
			@RequestParam(required = false) String rated, HttpServletResponse response) {
		Progress shown = progress.byToken(token).orElseThrow(RecordNotFound::new);
		noStore(response);
		String base = base(token);
		String followUrl = fresh == null ? null
				: ServletUriComponentsBuilder.fromCurrentContextPath().path(base).build().toUriString();
		return pages.page(shown, base, followUrl, rated != null);
	}

	@PostMapping("/cases/follow/{token}/rating")
	ModelAndView rate(@PathVariable String token, @RequestParam(required = false) String rating,
			@RequestParam(required = false) String comment, @AuthenticationPrincipal ScopedUser user,
			HttpServletResponse response) {
		Progress shown = progress.byToken(token).orElseThrow(RecordNotFound::new);
		noStore(response);
		ModelAndView refused = pages.rate(shown, base(token), rating, comment, user == null ? "citizen" : user.username(),
				() -> progress.byToken(token).orElseThrow(RecordNotFound::new));
		return refused != null ? refused : new ModelAndView("redirect:" + base(token) + "?rated=1");
	}

	@GetMapping("/cases/follow/{token}/photos/{photoId}")
	ResponseEntity<byte[]> photo(@PathVariable String token, @PathVariable long photoId) {
		return pages.photo(progress.byToken(token).orElseThrow(RecordNotFound::new), photoId);
	}

	private static String base(String token) {
		return "/cases/follow/" + URLEncoder.encode(token, StandardCharsets.UTF_8);
	}

	/** The page's address is the secret: no shared cache may keep it. */
	static void noStore(HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
	}
}
