package org.wenming.honor.notice.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.wenming.honor.notice.NoticeClient;
import org.wenming.shared.ScopedUser;

/** The notice's client from a request: the person signed in, the address, the session (if the browser has one) and the User-Agent. */
final class NoticeRequests {

	private NoticeRequests() {
	}

	static NoticeClient client(ScopedUser user, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return new NoticeClient(user, request.getRemoteAddr(), session == null ? null : session.getId(),
				request.getHeader("User-Agent"));
	}
}
