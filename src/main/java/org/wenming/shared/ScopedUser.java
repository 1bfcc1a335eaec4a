package org.wenming.shared;

import java.util.Set;

/**
 * What every module may know about the signed-in person: who they are, what they may do and the
 * region subtree their data access is confined to. The account module's principal implements it,
 * so other modules read scope without depending on account internals.
 */
public interface ScopedUser {

	long userId();

	String username();

	String displayName();

	DataScope scope();

	Set<String> roles();

	default boolean hasRole(String role) {
		return roles().contains(role);
	}
}
