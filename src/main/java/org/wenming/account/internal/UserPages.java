package org.wenming.account.internal;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;

/** 用户管理: the pages for listing, creating and editing users within one's region. */
@Controller
class UserPages {

	private final AccountAdministration administration;

	private final Regions regions;

	UserPages(AccountAdministration administration, Regions regions) {
		this.administration = administration;
		this.regions = regions;
	}

	@GetMapping("/admin/users")
	ModelAndView list(@AuthenticationPrincipal ScopedUser actor, @RequestParam(required = false) String q,
			@RequestParam(required = false) String role, @RequestParam(required = false) String page) {
		UserFilter filter = UserFilter.parse(q, role, page);
		return new ModelAndView("account/users",
				Map.of("users", administration.list(actor, filter), "q", filter.text(), "role", filter.role()));
	}

	@GetMapping("/admin/users/new")
	ModelAndView blank(@AuthenticationPrincipal ScopedUser actor) {
		return form(actor, new UserForm(0, "", "", List.of(), "", true, Map.of()), HttpStatus.OK);
	}

	@PostMapping("/admin/users")
	ModelAndView create(@AuthenticationPrincipal ScopedUser actor, @RequestParam(required = false) String username,
			@RequestParam(required = false) String displayName, @RequestParam(required = false) String password,
			@RequestParam(required = false) List<String> roles, @RequestParam(required = false) String regionCode,
			@RequestParam(required = false) String enabled, HttpServletRequest request) {
		UserInput input = new UserInput(username, displayName, password, roles, regionCode, enabled != null);
		try {
			Account created = administration.create(actor, input, CurrentUser.ip(request));
			return new ModelAndView("redirect:/admin/users/" + created.id() + "?created");
		}
		catch (InvalidFields invalid) {
			return form(actor, new UserForm(0, Labels.echo(username), Labels.echo(displayName), roles, Labels.echo(regionCode),
					enabled != null, invalid.errors()), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/users/{id}")
	ModelAndView edit(@AuthenticationPrincipal ScopedUser actor, @PathVariable long id) {
		return form(actor, UserForm.of(administration.get(actor, id)), HttpStatus.OK);
	}

	@PostMapping("/admin/users/{id}")
	ModelAndView update(@AuthenticationPrincipal ScopedUser actor, @PathVariable long id,
			@RequestParam(required = false) String displayName, @RequestParam(required = false) String password,
			@RequestParam(required = false) List<String> roles, @RequestParam(required = false) String regionCode,
			@RequestParam(required = false) String enabled, HttpServletRequest request) {
		UserInput input = new UserInput(null, displayName, password, roles, regionCode, enabled != null);
		try {
			administration.update(actor, id, input, CurrentUser.ip(request));
			return new ModelAndView("redirect:/admin/users/" + id + "?saved");
		}
		catch (InvalidFields invalid) {
			Account account = administration.get(actor, id);
			return form(actor, new UserForm(id, account.username(), Labels.echo(displayName), roles, Labels.echo(regionCode),
					enabled != null, invalid.errors()), HttpStatus.BAD_REQUEST);
		}
	}

	/** The region binding is picked inside the actor's own region (the province for a system administrator). */
	private ModelAndView form(ScopedUser actor, UserForm form, HttpStatus status) {
		String root = actor.scope().isEverything() ? regions.topLevel().code() : actor.scope().regionCode();
		return new ModelAndView("account/user-form",
				Map.of("form", form, "region", regions.choice("regionCode", root, form.regionCode(), true)), status);
	}
}
