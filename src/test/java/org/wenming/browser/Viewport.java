package org.wenming.browser;

/** The two screens every flow runs on: an office desk and a small phone (iPhone SE 1st/2nd gen CSS size). */
public enum Viewport {

	DESKTOP(1280, 900, false),

	PHONE(375, 667, true);

	final int width;

	final int height;

	final boolean mobile;

	Viewport(int width, int height, boolean mobile) {
		this.width = width;
		this.height = height;
		this.mobile = mobile;
	}
}
