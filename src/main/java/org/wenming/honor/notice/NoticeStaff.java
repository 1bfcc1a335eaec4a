package org.wenming.honor.notice;

import org.springframework.security.access.AccessDeniedException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/** Who moderates the notice: the civilization office's staff (and the system administrator), in their scope. */
final class NoticeStaff {

	private NoticeStaff() {
	}

	/** The staff member's scope path ({@code ''} for everything) for {@code region_path like :scope || '%'}. */
	static String scope(ScopedUser user) {
		if (user == null || !(user.hasRole(Roles.OFFICE_STAFF) || user.hasRole(Roles.SYSTEM_ADMIN))) {
			throw new AccessDeniedException("the notice's moderation is the civilization office's");
		}
		return user.scope().path();
	}
}
