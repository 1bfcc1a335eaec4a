package org.wenming.casework.photo;

/** The stored bytes of a case photo, to be served only through the application. */
public record PhotoContent(StoredPhoto photo, byte[] bytes) {

	public String contentType() {
		return photo.contentType();
	}
}
