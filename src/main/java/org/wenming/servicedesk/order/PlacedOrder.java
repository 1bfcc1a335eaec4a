package org.wenming.servicedesk.order;

/**
 * An order as placed.
 *
 * @param followToken the private link's secret (only its hash is stored): shown once, sent to the resident
 */
public record PlacedOrder(long id, String orderNumber, long siteId, String followToken) {

	public String followPath() {
		return "/service/follow/" + followToken;
	}

	@Override
	public String toString() {
		return "PlacedOrder[id=" + id + ", orderNumber=" + orderNumber + "]";
	}
}
