package org.wenming.servicedesk.order;

/** How an order came in. */
public enum OrderChannel {
	/** The resident on the web form (signed in or with a one-time code). */
	WEB,
	/** Staff took it on the telephone. */
	PHONE,
	/** Staff took it from someone at the site. */
	WALK_IN,
	/** Through the JSON API. */
	API;

	/** Staff take it on the resident's behalf. */
	public boolean onBehalf() {
		return this == PHONE || this == WALK_IN;
	}
}
