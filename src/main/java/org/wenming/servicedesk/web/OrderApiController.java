package org.wenming.servicedesk.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.InvalidInputException;
import org.wenming.servicedesk.order.OrderChannel;
import org.wenming.servicedesk.order.OrderDraft;
import org.wenming.servicedesk.order.OrderProblem;
import org.wenming.servicedesk.order.OrderRefusedException;
import org.wenming.servicedesk.order.Orders;
import org.wenming.servicedesk.order.PlacedOrder;
import org.wenming.shared.ScopedUser;

/**
 * Ordering by JSON for a signed-in person: a resident for themselves (channel API), or staff on a
 * resident's behalf (channel PHONE or WALK_IN, the village in their scope). Anonymous ordering with a
 * one-time code is the web form's.
 */
@RestController
class OrderApiController {

	/** The order as submitted. */
	record OrderRequest(Long menuItemId, String category, String what, String regionCode, String address,
			BigDecimal latitude, BigDecimal longitude, LocalDate preferredFrom, LocalDate preferredTo, String contactName,
			String contactMobile, String notes, String channel) {

		@Override
		public String toString() {
			return "OrderRequest[menuItemId=" + menuItemId + ", regionCode=" + regionCode + "]";
		}
	}

	/** The order placed: its number and the private link (shown once). */
	record OrderPlaced(String orderNumber, String followPath) {
	}

	private final Orders orders;

	private final MessageSource messages;

	OrderApiController(Orders orders, MessageSource messages) {
		this.orders = orders;
		this.messages = messages;
	}

	@PostMapping("/api/v1/service/orders")
	@ResponseStatus(HttpStatus.CREATED)
	OrderPlaced place(@AuthenticationPrincipal ScopedUser user, @RequestBody OrderRequest request, Locale locale) {
		OrderChannel channel = channel(request.channel());
		PlacedOrder placed = orders.place(new OrderDraft(request.menuItemId(), request.category(), request.what(),
				request.regionCode(), request.address(), request.latitude(), request.longitude(), request.preferredFrom(),
				request.preferredTo(), request.contactName(), request.contactMobile(), request.notes()), channel, user,
				locale);
		return new OrderPlaced(placed.orderNumber(), placed.followPath());
	}

	@ExceptionHandler(OrderRefusedException.class)
	ProblemDetail refused(OrderRefusedException ex, Locale locale) {
		List<Map<String, String>> errors = ApiProblems.errors(ex.problems(), OrderProblem::field,
				OrderProblem::messageKey, messages, locale);
		return ApiProblems.invalid(errors);
	}

	static OrderChannel channel(String text) {
		if (text == null || text.isBlank()) {
			return OrderChannel.API;
		}
		return switch (text) {
			case "PHONE" -> OrderChannel.PHONE;
			case "WALK_IN" -> OrderChannel.WALK_IN;
			case "API" -> OrderChannel.API;
			default -> throw new InvalidInputException("channel", "is not API, PHONE or WALK_IN");
		};
	}
}
