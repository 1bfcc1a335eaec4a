package org.wenming.servicedesk.web;

import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;
import org.wenming.servicedesk.order.MyOrders;
import org.wenming.servicedesk.order.OrderFollow;
import org.wenming.shared.ScopedUser;

/** 我的点单 (/me/orders): a signed-in resident's own orders, each with its steps and the reasons meant for them. */
@Controller
class MyOrderPages extends PageController {

	private final MyOrders orders;

	MyOrderPages(MyOrders orders) {
		this.orders = orders;
	}

	@GetMapping("/me/orders")
	ModelAndView mine(@AuthenticationPrincipal ScopedUser user) {
		return new ModelAndView("servicedesk/my-orders", Map.of("orders", orders.list(user.userId()),
				"max", MyOrders.LIST_MAX));
	}

	@GetMapping("/me/orders/{number}")
	ModelAndView one(@AuthenticationPrincipal ScopedUser user, @PathVariable String number) {
		OrderFollow order = orders.find(user.userId(), number).orElseThrow(RecordNotFound::new);
		return new ModelAndView("servicedesk/my-order", Map.of("order", order));
	}
}
