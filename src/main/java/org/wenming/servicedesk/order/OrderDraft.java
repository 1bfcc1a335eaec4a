package org.wenming.servicedesk.order;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a resident (or staff on their behalf) submits: an item of a menu, or a wish (心愿) with its category.
 *
 * @param menuItemId the item ordered; null for a wish
 * @param category the wish's category (ignored for an item: the item's counts)
 * @param what what is needed (for an item, may be blank: the item's name is taken)
 * @param regionCode the village or community where the service is needed
 * @param address the home address (sealed when stored); optional
 * @param contactMobile a mainland mobile number (sealed when stored, shown masked)
 */
public record OrderDraft(Long menuItemId, String category, String what, String regionCode, String address,
		BigDecimal latitude, BigDecimal longitude, LocalDate preferredFrom, LocalDate preferredTo, String contactName,
		String contactMobile, String notes) {

	OrderDraft trimmed() {
		return new OrderDraft(menuItemId, blank(category), blank(what), blank(regionCode), blank(address), latitude,
				longitude, preferredFrom, preferredTo, blank(contactName), blank(contactMobile), blank(notes));
	}

	private static String blank(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	/** No mobile number or address in a log line by accident. */
	@Override
	public String toString() {
		return "OrderDraft[menuItemId=" + menuItemId + ", category=" + category + ", regionCode=" + regionCode + "]";
	}
}
