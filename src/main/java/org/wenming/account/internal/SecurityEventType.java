package org.wenming.account.internal;

/** What happened, as recorded in the security audit. */
public enum SecurityEventType {
	LOGIN_SUCCESS, LOGIN_FAILURE, LOCKOUT, LOGOUT, PERMISSION_DENIED, OUT_OF_SCOPE, ROLE_CHANGED, USER_CREATED,
	USER_UPDATED, PASSWORD_CHANGED, CONTENT_TAMPERED, LEDGER_INCONSISTENT;

	static boolean isKnown(String name) {
		for (SecurityEventType type : values()) {
			if (type.name().equals(name)) {
				return true;
			}
		}
		return false;
	}
}
