package org.wenming.casework.internal;

/**
 * Who is acting on a case, and in what capacity for this case (worked out from their roles, region
 * scope and unit memberships before the case's rules are asked).
 *
 * @param office office staff whose scope covers the case, or a system administrator
 * @param inspector an inspector (督查员) whose scope covers the case: may re-inspect (verify or return) fixes
 * @param handler a handler of the unit the case is dispatched to
 */
public record Actor(String username, boolean office, boolean inspector, boolean handler) {

	/** The escalation job. */
	public static final Actor SYSTEM = new Actor("system", false, false, false);
}
