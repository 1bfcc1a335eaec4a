package org.wenming.platform;

/** No such record, or one the visitor may not know about: a page controller answers 404. */
public class RecordNotFound extends RuntimeException {

	public RecordNotFound() {
		super(null, null, false, false);
	}
}
