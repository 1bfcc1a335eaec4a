package org.wenming.platform;

/**
 * Where a signed-in person's choice of the elderly mode is kept, so that a new device gets it at
 * sign-in. The account module implements it; platform knows only this interface.
 */
public interface ElderlyModeChoices {

	void chosen(long userId, boolean on);
}
