package org.wenming.account.internal;

/** No user has this id (answered 404, like an out-of-scope user, so neither reveals anything). */
final class UserNotFound extends RuntimeException {

	UserNotFound(long id) {
		super("no user " + id);
	}
}
