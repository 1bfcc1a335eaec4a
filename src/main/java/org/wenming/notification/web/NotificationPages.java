package org.wenming.notification.web;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.notification.internal.Outbox;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/**
 * The outbox for system administrators (通知发送记录): recent notices with their masked numbers, filtered by
 * status, and "retry now" for one that gave up. Notices belong to no region, so only system administrators
 * see them.
 */
@Controller
@RequestMapping("/admin/notifications")
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class NotificationPages extends PageController {

	private static final Logger log = LoggerFactory.getLogger(NotificationPages.class);

	static final int LIMIT = 100;

	private final Outbox outbox;

	private final Clock clock;

	NotificationPages(Outbox outbox, Clock clock) {
		this.outbox = outbox;
		this.clock = clock;
	}

	@GetMapping
	ModelAndView list(@RequestParam(required = false) String status, @RequestParam(required = false) String retried) {
		Outbox.Status filter = status(status);
		Map<String, Object> model = new HashMap<>();
		model.put("rows", outbox.recent(filter, LIMIT));
		model.put("status", filter == null ? "" : filter.name());
		model.put("statuses", Outbox.Status.values());
		model.put("retried", retried != null && retried.matches("\\d{1,18}") ? retried : "");
		model.put("limit", LIMIT);
		return new ModelAndView("notification/outbox", model);
	}

	@PostMapping("/{id}/retry")
	ModelAndView retry(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		long notice = QueryParameters.id(id);
		if (!outbox.retry(notice, clock.instant())) {
			throw new RecordNotFound();
		}
		log.info("Notification {} set to retry now by {}", notice, user.username());
		return new ModelAndView("redirect:/admin/notifications?status=PENDING&retried=" + notice);
	}

	static Outbox.Status status(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return Outbox.Status.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("status", "is not PENDING, SENT or FAILED");
		}
	}
}
