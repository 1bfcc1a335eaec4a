package org.wenming.region.internal;

/** The division files are not loadable; the message names the file, the line and the rule broken. */
public class RegionCatalogueException extends RuntimeException {

	RegionCatalogueException(String message) {
		super(message);
	}

	RegionCatalogueException(String message, Throwable cause) {
		super(message, cause);
	}
}
