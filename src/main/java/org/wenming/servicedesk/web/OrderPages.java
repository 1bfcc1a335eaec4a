package org.wenming.servicedesk.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.platform.FormErrors;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.servicedesk.menu.MenuItem;
import org.wenming.servicedesk.menu.MenuItems;
import org.wenming.servicedesk.menu.ServiceCategories;
import org.wenming.servicedesk.order.OrderChannel;
import org.wenming.servicedesk.order.OrderCodes;
import org.wenming.servicedesk.order.OrderDraft;
import org.wenming.servicedesk.order.OrderLimitException;
import org.wenming.servicedesk.order.OrderPhotos;
import org.wenming.servicedesk.order.OrderProblem;
import org.wenming.servicedesk.order.OrderRefusedException;
import org.wenming.servicedesk.order.Orders;
import org.wenming.servicedesk.order.PlacedOrder;
import org.wenming.shared.ScopedUser;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The order form: a signed-in resident orders as themselves (name prefilled), staff on a resident's behalf
 * (channel PHONE or WALK_IN), anyone else with a one-time code sent to the mobile. A placed order goes on to
 * its private link.
 */
@Controller
class OrderPages extends PageController {

	private static final List<String> FIELDS = List.of("item", "category", "what", "regionCode", "address",
			"contactName", "contactMobile", "notes", "oneTimeCode", "channel");

	private final Orders orders;

	private final OrderCodes codes;

	private final MenuItems menus;

	private final ServiceCategories categories;

	private final Regions regions;

	private final PracticeSites sites;

	private final OrderPhotos photos;

	OrderPages(Orders orders, OrderCodes codes, MenuItems menus, ServiceCategories categories, Regions regions,
			PracticeSites sites, OrderPhotos photos) {
		this.orders = orders;
		this.photos = photos;
		this.codes = codes;
		this.menus = menus;
		this.categories = categories;
		this.regions = regions;
		this.sites = sites;
	}

	@GetMapping("/service/order")
	ModelAndView form(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String item,
			@RequestParam(required = false) String region) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("item", item == null ? "" : String.valueOf(QueryParameters.id(item)));
		values.put("regionCode", QueryParameters.regionCode("region", region));
		if (user != null && !MenuItems.mayManage(user)) {
			values.put("contactName", user.displayName());
		}
		return page(user, values, FormErrors.NONE, null, HttpStatus.OK);
	}

	@PostMapping("/service/order/code")
	ModelAndView sendCode(@AuthenticationPrincipal ScopedUser user, HttpServletRequest request, Locale locale) {
		Map<String, String> values = values(request);
		FormErrors errors = FormErrors.none();
		String notice = null;
		HttpStatus status = HttpStatus.OK;
		try {
			OrderCodes.Request sent = codes.request(values.get("contactMobile"), request.getRemoteAddr(), locale);
			notice = switch (sent) {
				case SENT -> "servicedesk.order.form.codeSent";
				case MOBILE_LIMIT, CLIENT_LIMIT -> "servicedesk.order.form.codeLimit";
			};
			status = sent == OrderCodes.Request.SENT ? HttpStatus.OK : HttpStatus.TOO_MANY_REQUESTS;
		}
		catch (InvalidInputException ex) {
			errors.add("contactMobile", "servicedesk.order.error.mobile");
			status = HttpStatus.BAD_REQUEST;
		}
		return page(user, values, errors, notice, status);
	}

	@PostMapping("/service/order")
	ModelAndView place(@AuthenticationPrincipal ScopedUser user, HttpServletRequest request,
			@RequestParam(name = "photos", required = false) List<MultipartFile> uploads,
			jakarta.servlet.http.HttpServletResponse response, Locale locale) {
		Map<String, String> values = values(request);
		FormErrors errors = FormErrors.none();
		List<CasePhotos.CheckedPhoto> checked;
		try {
			checked = photos.check(bytes(uploads));
		}
		catch (InvalidInputException ex) {
			errors.add(OrderPhotos.FIELD, ex.getMessage());
			return page(user, values, errors, null, HttpStatus.BAD_REQUEST);
		}
		Long item = null;
		if (!values.get("item").isEmpty()) {
			item = values.get("item").matches("\\d{1,18}") ? Long.valueOf(values.get("item")) : -1L;
		}
		boolean staff = user != null && MenuItems.mayManage(user);
		OrderChannel channel = staff ? ("WALK_IN".equals(values.get("channel")) ? OrderChannel.WALK_IN : OrderChannel.PHONE)
				: OrderChannel.WEB;
		OrderDraft draft = new OrderDraft(item, values.get("category"), values.get("what"), values.get("regionCode"),
				values.get("address"), null, null, null, null, values.get("contactName"), values.get("contactMobile"),
				values.get("notes"));
		String code = values.get("oneTimeCode");
		String mobile = values.get("contactMobile");
		try {
			PlacedOrder placed = user != null ? orders.place(draft, channel, user, locale, null, checked)
					: orders.placeAnonymous(draft, channel, request.getRemoteAddr(), locale,
							() -> codes.check(mobile, code) == OrderCodes.Check.PASSED ? Optional.empty()
									: Optional.of(new OrderProblem("oneTimeCode", "servicedesk.order.error.code")),
							checked);
			return new ModelAndView("redirect:" + placed.followPath());
		}
		catch (OrderRefusedException ex) {
			ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
		}
		catch (OrderLimitException ex) {
			response.setHeader("Retry-After", Long.toString(ex.retryAfterSeconds()));
			return page(user, values, errors, "servicedesk.order.form.orderLimit", HttpStatus.TOO_MANY_REQUESTS);
		}
		return page(user, values, errors, null, HttpStatus.BAD_REQUEST);
	}

	private ModelAndView page(ScopedUser user, Map<String, String> values, FormErrors errors, String notice,
			HttpStatus status) {
		MenuItem item = null;
		String itemId = values.get("item");
		if (itemId != null && itemId.matches("\\d{1,18}")) {
			item = menus.find(Long.parseLong(itemId)).filter(MenuItem::active).orElse(null);
		}
		String region = values.get("regionCode");
		String selected = region != null && region.matches("\\d{2,12}") ? region : null;
		ModelAndView page = new ModelAndView("servicedesk/order-form", Map.of("view", new OrderFormView(item, values,
				errors, regions.choice("regionCode", sites.homeCity().code(), selected), categories.active(),
				user == null, user != null && MenuItems.mayManage(user), notice)));
		page.setStatus(status);
		return page;
	}

	/** The chosen files' bytes (a file input left empty still sends one part, without a name or bytes). */
	private List<byte[]> bytes(List<MultipartFile> uploads) {
		if (uploads == null) {
			return List.of();
		}
		List<MultipartFile> chosen = uploads.stream().filter(f -> f != null && !f.isEmpty()).toList();
		if (chosen.size() > OrderPhotos.MAX_BEFORE) {
			throw new InvalidInputException(OrderPhotos.FIELD, "servicedesk.order.error.tooManyPhotos");
		}
		List<byte[]> bytes = new java.util.ArrayList<>();
		for (MultipartFile upload : chosen) {
			if (upload.getSize() > photos.maxUploadBytes()) {
				throw new InvalidInputException(OrderPhotos.FIELD, "casework.photo.tooLarge");
			}
			try {
				bytes.add(upload.getBytes());
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		return bytes;
	}

	private static Map<String, String> values(HttpServletRequest request) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : FIELDS) {
			String value = request.getParameter(field);
			values.put(field, value == null ? "" : value.length() > 2000 ? value.substring(0, 2000) : value);
		}
		String[] picked = request.getParameterValues("code");
		if (values.get("regionCode").isEmpty() && picked != null) {
			// without scripts the picker's selects are sent as they stand: the deepest chosen one counts
			for (String code : picked) {
				if (code.matches("\\d{2,12}") && code.length() > values.get("regionCode").length()) {
					values.put("regionCode", code);
				}
			}
		}
		return values;
	}
}
