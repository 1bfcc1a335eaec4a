package org.wenming.platform.search;

/** What a public search result is: the kinds the portal's search groups its results by. */
public enum SearchKind {
	NEWS, SERVICE, ACTIVITY, SITE, TEAM, HONOUR
}
