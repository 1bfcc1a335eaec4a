package org.wenming.honor.notice.web;

import java.time.Instant;
import java.util.Map;

import org.wenming.honor.notice.NoticeBoard;
import org.wenming.platform.Paging;

/**
 * One nominee's notice page: the nominee, whether the notice is open, the approved comments' page, and the forms'
 * values and refusals (field → message key) after a refused submission; {@code notice} is a message key said once.
 */
public record NomineeView(NoticeBoard.Nominee nominee, boolean open, Paging.Page<NoticeBoard.Comment> comments,
		Map<String, String> values, Map<String, String> errors, String notice, Instant now) {

	public String value(String field) {
		String value = values.get(field);
		return value == null ? "" : value;
	}

	public boolean hasError(String field) {
		return errors.containsKey(field);
	}

	public String error(String field) {
		return errors.get(field);
	}

	/** The input's hint and error ids, for aria-describedby. */
	public String describedBy(String field) {
		return hasError(field) ? field + "-error" : null;
	}
}
