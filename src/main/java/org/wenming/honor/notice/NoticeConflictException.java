package org.wenming.honor.notice;

/**
 * The request is right but the state does not allow it (409): the nominee's notice period is not open, or a comment
 * or objection was already decided.
 */
public class NoticeConflictException extends RuntimeException {

	private final String messageKey;

	public NoticeConflictException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}
}
