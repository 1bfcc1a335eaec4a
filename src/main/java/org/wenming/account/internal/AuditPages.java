package org.wenming.account.internal;

import java.util.HashMap;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.shared.ScopedUser;

/** 安全审计: security events of actors within one's region, newest first. */
@Controller
class AuditPages {

	static final int PAGE_SIZE = 50;

	private final SecurityEvents events;

	AuditPages(SecurityEvents events) {
		this.events = events;
	}

	@GetMapping("/admin/audit")
	ModelAndView audit(@AuthenticationPrincipal ScopedUser actor, @RequestParam(required = false) String type,
			@RequestParam(required = false) String username, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String page) {
		AuditFilter filter = AuditFilter.parse(type, username, from, to);
		int number = UserFilter.pageNumber(page);
		Map<String, Object> model = new HashMap<>();
		model.put("events", events.find(actor.scope(), filter, (number - 1) * PAGE_SIZE, PAGE_SIZE));
		long total = events.count(actor.scope(), filter);
		model.put("total", total);
		model.put("page", number);
		model.put("hasNext", (long) number * PAGE_SIZE < total);
		model.put("type", filter.type());
		model.put("username", filter.username());
		model.put("from", filter.fromDate() == null ? "" : filter.fromDate().toString());
		model.put("to", filter.toDate() == null ? "" : filter.toDate().toString());
		return new ModelAndView("account/audit", model);
	}
}
