package org.wenming.casework.citizen;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;


import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.casework.Cases;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/** 我的随手拍: the cases a signed-in person reported, each with the same progress page as the follow link. */
@Controller
class MyCasesController extends PageController {

	private final CaseProgress progress;

	private final ProgressPages pages;

	private final Cases cases;

	MyCasesController(CaseProgress progress, ProgressPages pages, Cases cases) {
		this.progress = progress;
		this.pages = pages;
		this.cases = cases;
	}

	@GetMapping("/me/cases")
	ModelAndView mine(@AuthenticationPrincipal ScopedUser user) {
		Map<String, org.wenming.casework.CaseCategory> byCode = new java.util.HashMap<>();
		cases.categories().forEach(c -> byCode.put(c.code(), c));
		return new ModelAndView("casework/citizen/mine",
				Map.of("reports", progress.reportedBy(user.userId()), "categories", byCode));
	}

	@GetMapping("/me/cases/{number}")
	ModelAndView one(@AuthenticationPrincipal ScopedUser user, @PathVariable String number,
			@RequestParam(required = false) String rated) {
		return pages.page(own(user, number), base(number), null, rated != null);
	}

	@PostMapping("/me/cases/{number}/rating")
	ModelAndView rate(@AuthenticationPrincipal ScopedUser user, @PathVariable String number,
			@RequestParam(required = false) String rating, @RequestParam(required = false) String comment) {
		ModelAndView refused = pages.rate(own(user, number), base(number), rating, comment, user.username(),
				() -> own(user, number));
		return refused != null ? refused : new ModelAndView("redirect:" + base(number) + "?rated=1");
	}

	@GetMapping("/me/cases/{number}/photos/{photoId}")
	ResponseEntity<byte[]> photo(@AuthenticationPrincipal ScopedUser user, @PathVariable String number,
			@PathVariable long photoId) {
		return pages.photo(own(user, number), photoId);
	}

	private Progress own(ScopedUser user, String number) {
		return progress.ofReporter(user.userId(), number).orElseThrow(RecordNotFound::new);
	}

	private static String base(String number) {
		return "/me/cases/" + URLEncoder.encode(number, StandardCharsets.UTF_8);
	}
}
