package org.wenming.servicedesk;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order stands (docs/notes/servicedesk.md, "The order's life"), and which step may follow which.
 * Every transition of the desk is checked here first and then, under the order's row lock, against the
 * stored status.
 */
public enum OrderStatus {

	/** At the station of the resident's village, or at the site whose menu item it was. */
	RECEIVED,
	/** The site will see to it. */
	ACCEPTED,
	/** Passed up to the institute, then the centre (the site holding it changed). */
	PASSED_UP,
	/** Given to a team with the volunteers needed and a time: the team's shift exists. */
	DISPATCHED,
	/** The team could not serve it (a reason): back in the site's queue, the shift cancelled. */
	HANDED_BACK,
	/** The team reported it done, with after-photos and a note: waiting for the resident's rating. */
	SERVED,
	/** The resident rated it (final). */
	RATED,
	/** Not rated within the rating period: counted as not rated, never as satisfied (final). */
	UNRATED,
	/** Declined by the site with a reason the resident sees (final). */
	DECLINED,
	/** Cancelled by the resident before dispatch, or by staff with a reason (final). */
	CANCELLED;

	/** The steps that may follow this one. */
	public Set<OrderStatus> next() {
		return switch (this) {
			case RECEIVED, PASSED_UP, HANDED_BACK -> EnumSet.of(ACCEPTED, PASSED_UP, DISPATCHED, DECLINED, CANCELLED);
			case ACCEPTED -> EnumSet.of(PASSED_UP, DISPATCHED, CANCELLED);
			case DISPATCHED -> EnumSet.of(HANDED_BACK, SERVED, CANCELLED);
			case SERVED -> EnumSet.of(RATED, UNRATED);
			case RATED, UNRATED, DECLINED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
		};
	}

	public boolean mayMoveTo(OrderStatus next) {
		return next().contains(next);
	}

	/** Waiting at a site for its decision (in a site's queue, with the accept clock running). */
	public boolean atSite() {
		return this == RECEIVED || this == PASSED_UP || this == HANDED_BACK;
	}

	/** Nothing follows: rated, unrated, declined or cancelled. */
	public boolean closed() {
		return next().isEmpty();
	}

	/** Whether the resident may still cancel by the follow link: only before a team has it. */
	public boolean cancellableByResident() {
		return atSite() || this == ACCEPTED;
	}
}
