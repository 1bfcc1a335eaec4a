package org.wenming.servicedesk.web;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;
import org.wenming.servicedesk.order.OrderFollow;
import org.wenming.servicedesk.order.Orders;

/** The private link (/service/follow/{token}): the order's steps and the reasons; guarded by its secret. */
@Controller
class FollowPages extends PageController {

	private final Orders orders;

	FollowPages(Orders orders) {
		this.orders = orders;
	}

	@GetMapping("/service/follow/{token}")
	ModelAndView follow(@PathVariable String token, jakarta.servlet.http.HttpServletResponse response) {
		// the page's address is the secret: no shared cache may keep it, no link may pass it on
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
		OrderFollow order = orders.follow(token).orElseThrow(RecordNotFound::new);
		return new ModelAndView("servicedesk/follow", Map.of("order", order));
	}
}
