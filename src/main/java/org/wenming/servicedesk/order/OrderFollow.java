package org.wenming.servicedesk.order;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the private link shows: the order's steps with the reasons meant for the resident, the site and team
 * holding it, and the contact masked. Never the address or the number in full.
 */
public record OrderFollow(String orderNumber, String status, String category, String what, String siteName,
		String teamName, String contactMasked, OffsetDateTime receivedAt, List<Step> steps) {

	/** One step; {@code reason} only when it is meant for the resident. */
	public record Step(OffsetDateTime at, String kind, String toStatus, String reason) {
	}

	public String categoryKey() {
		return "servicedesk.category." + category;
	}

	public String statusKey() {
		return "servicedesk.order.status." + status;
	}
}
