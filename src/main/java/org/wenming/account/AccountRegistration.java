package org.wenming.account;

/**
 * Creating one's own login (自助注册) for other modules, e.g. the volunteer registration, with the
 * account module's username and password rules and password encoder. Runs inside the caller's
 * transaction, so a registration that fails later leaves no login behind.
 */
public interface AccountRegistration {

	/**
	 * Creates an enabled login with the given role, bound to a region.
	 *
	 * @return the new user's id
	 * @throws AccountRefusedException naming the fields ({@code username}, {@code password}) at fault
	 */
	long register(String username, String password, String displayName, String regionCode, String role);

	/**
	 * What {@link #register} would refuse in these login fields, without creating anything: lets a
	 * form that fails elsewhere show every problem at once.
	 *
	 * @return field ({@code username}, {@code password}) to message key; empty when both are fine
	 */
	java.util.Map<String, String> loginProblems(String username, String password);
}
