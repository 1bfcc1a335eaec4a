package org.wenming.servicedesk.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.platform.ApiProblems;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.platform.InvalidInputException;
import org.wenming.servicedesk.order.CodeProperties;
import org.wenming.servicedesk.order.OrderChannel;
import org.wenming.servicedesk.order.OrderCodes;
import org.wenming.servicedesk.order.OrderLimitException;
import org.wenming.servicedesk.order.OrderPhotos;
import org.wenming.servicedesk.order.OrderDraft;
import org.wenming.servicedesk.order.OrderProblem;
import org.wenming.servicedesk.order.OrderRefusedException;
import org.wenming.servicedesk.order.Orders;
import org.wenming.servicedesk.order.PlacedOrder;
import org.wenming.shared.ScopedUser;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Ordering by JSON: a signed-in resident for themselves (channel API), staff on a resident's behalf (channel
 * PHONE or WALK_IN, the village in their scope), or anyone without an account with a one-time code
 * ({@code POST /api/v1/service/order-codes} sends it to the mobile; the order then carries it as {@code code}).
 * Anonymous orders are limited per client beyond the codes' limits (429 with {@code Retry-After}). A client
 * without a session needs no CSRF token here (there is no session to ride on, as with Open311); one with a
 * session sends the token like every other JSON write.
 */
@RestController
class OrderApiController {

	/** The order as submitted. */
	record OrderRequest(Long menuItemId, String category, String what, String regionCode, String address,
			BigDecimal latitude, BigDecimal longitude, LocalDate preferredFrom, LocalDate preferredTo, String contactName,
			String contactMobile, String notes, String channel, String code, List<String> photos) {

		@Override
		public String toString() {
			return "OrderRequest[menuItemId=" + menuItemId + ", regionCode=" + regionCode + "]";
		}
	}

	/** A one-time code asked for a mobile. */
	record CodeRequest(String mobile) {

		@Override
		public String toString() {
			return "CodeRequest[]";
		}
	}

	/** A code was sent; it may be used for {@code validMinutes}. */
	record CodeSent(boolean sent, long validMinutes) {
	}

	/** The order placed: its number and the private link (shown once). */
	record OrderPlaced(String orderNumber, String followPath) {
	}

	private final Orders orders;

	private final OrderCodes codes;

	private final CodeProperties codeProperties;

	private final MessageSource messages;

	private final OrderPhotos photos;

	OrderApiController(Orders orders, OrderCodes codes, CodeProperties codeProperties, OrderPhotos photos,
			MessageSource messages) {
		this.orders = orders;
		this.photos = photos;
		this.codes = codes;
		this.codeProperties = codeProperties;
		this.messages = messages;
	}

	@PostMapping("/api/v1/service/order-codes")
	ResponseEntity<?> sendCode(@RequestBody CodeRequest request, HttpServletRequest http, Locale locale) {
		OrderCodes.Request sent;
		try {
			sent = codes.request(request.mobile(), http.getRemoteAddr(), locale);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException("mobile", "servicedesk.order.error.mobile");
		}
		if (sent != OrderCodes.Request.SENT) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
					messages.getMessage("servicedesk.order.form.codeLimit", null, locale));
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(codeProperties.window().toSeconds()))
				.body(problem);
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new CodeSent(true, codeProperties.lifetime().toMinutes()));
	}

	@PostMapping("/api/v1/service/orders")
	@ResponseStatus(HttpStatus.CREATED)
	OrderPlaced place(@AuthenticationPrincipal ScopedUser user, @RequestBody OrderRequest request,
			HttpServletRequest http, Locale locale) {
		OrderChannel channel = channel(request.channel());
		OrderDraft draft = new OrderDraft(request.menuItemId(), request.category(), request.what(),
				request.regionCode(), request.address(), request.latitude(), request.longitude(), request.preferredFrom(),
				request.preferredTo(), request.contactName(), request.contactMobile(), request.notes());
		List<CasePhotos.CheckedPhoto> checked = photos.check(decoded(request.photos()));
		PlacedOrder placed;
		if (user == null) {
			if (channel.onBehalf()) {
				throw new InvalidInputException("channel", "is for staff signed in");
			}
			String mobile = request.contactMobile();
			String code = request.code();
			placed = orders.placeAnonymous(draft, channel, http.getRemoteAddr(), locale,
					() -> codes.check(mobile, code) == OrderCodes.Check.PASSED ? Optional.empty()
							: Optional.of(new OrderProblem("code", "servicedesk.order.error.code")), checked);
		}
		else {
			placed = orders.place(draft, channel, user, locale, null, checked);
		}
		return new OrderPlaced(placed.orderNumber(), placed.followPath());
	}

	@ExceptionHandler(OrderLimitException.class)
	ResponseEntity<ProblemDetail> tooMany(OrderLimitException ex, Locale locale) {
		long seconds = ex.retryAfterSeconds();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, messages.getMessage(
				"servicedesk.order.error.tooMany", new Object[] { Math.max(1, (seconds + 59) / 60) }, locale));
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(problem);
	}

	@ExceptionHandler(OrderRefusedException.class)
	ProblemDetail refused(OrderRefusedException ex, Locale locale) {
		List<Map<String, String>> errors = ApiProblems.errors(ex.problems(), OrderProblem::field,
				OrderProblem::messageKey, messages, locale);
		return ApiProblems.invalid(errors);
	}

	/** Before-photos as base64 text (standard or URL-safe alphabet), each no larger than an upload may be. */
	private List<byte[]> decoded(List<String> encoded) {
		if (encoded == null || encoded.isEmpty()) {
			return List.of();
		}
		if (encoded.size() > OrderPhotos.MAX_BEFORE) {
			throw new InvalidInputException(OrderPhotos.FIELD, "servicedesk.order.error.tooManyPhotos");
		}
		List<byte[]> uploads = new java.util.ArrayList<>();
		for (String text : encoded) {
			if (text == null || text.isBlank()) {
				continue;
			}
			if (text.length() / 4L * 3 > photos.maxUploadBytes() + 3) {
				throw new InvalidInputException(OrderPhotos.FIELD, "casework.photo.tooLarge");
			}
			try {
				String clean = text.strip();
				uploads.add(clean.indexOf('-') >= 0 || clean.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(clean)
						: Base64.getMimeDecoder().decode(clean));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(OrderPhotos.FIELD, "servicedesk.order.error.photoEncoding");
			}
		}
		return uploads;
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
