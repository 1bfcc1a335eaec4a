package org.wenming.volunteer.team.web;

import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.Teams;

/** The signed-in volunteer's own teams and applications (我的队伍), with leaving. */
@Controller
class MyTeamsController extends TeamPageErrors {

	private final Teams teams;

	MyTeamsController(Teams teams, MessageSource messages) {
		super(messages);
		this.teams = teams;
	}

	@GetMapping("/me/teams")
	ModelAndView mine(@AuthenticationPrincipal ScopedUser user, @RequestParam(defaultValue = "false") boolean left) {
		return new ModelAndView("team/mine", Map.of("memberships", teams.myMemberships(user), "volunteer",
				teams.volunteerId(user).isPresent(), "left", left));
	}

	@PostMapping("/me/teams/{membershipId}/leave")
	String leave(@AuthenticationPrincipal ScopedUser user, @PathVariable String membershipId) {
		teams.leave(QueryParameters.id(membershipId), user);
		return "redirect:/me/teams?left=true";
	}
}
