package org.wenming.servicedesk.menu;

/** Someone else changed the item since the version the edit was based on: refused, not merged (409). */
public class StaleMenuItemException extends RuntimeException {

	public StaleMenuItemException(long id, int version) {
		super("menu item " + id + " is no longer at version " + version);
	}
}
