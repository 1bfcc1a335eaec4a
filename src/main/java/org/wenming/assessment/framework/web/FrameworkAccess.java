package org.wenming.assessment.framework.web;

import org.springframework.security.access.AccessDeniedException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Who may do what with frameworks: the city's framework holds for every county, so the city office
 * (or a system administrator) edits it; county offices and inspectors read it.
 */
final class FrameworkAccess {

	private FrameworkAccess() {
	}

	static boolean canRead(ScopedUser user) {
		return user != null && (user.hasRole(Roles.SYSTEM_ADMIN) || user.hasRole(Roles.OFFICE_STAFF)
				|| user.hasRole(Roles.INSPECTOR));
	}

	static boolean canEdit(ScopedUser user) {
		if (user == null) {
			return false;
		}
		boolean city = user.scope().isEverything() || user.scope().path().split("\\.").length <= 2;
		return user.hasRole(Roles.SYSTEM_ADMIN) || (user.hasRole(Roles.OFFICE_STAFF) && city);
	}

	static void requireRead(ScopedUser user) {
		if (!canRead(user)) {
			throw new AccessDeniedException("assessment frameworks");
		}
	}

	static void requireEdit(ScopedUser user) {
		if (!canEdit(user)) {
			throw new AccessDeniedException("assessment framework editing");
		}
	}
}
