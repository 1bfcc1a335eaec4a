package org.wenming.account.internal;

import java.util.List;

/**
 * What an administrator submits for a user, from the form or the API. On update the username is
 * ignored and an empty password means "keep it".
 */
record UserInput(String username, String displayName, String password, List<String> roles, String regionCode,
		Boolean enabled) {
}
