package org.wenming.demo;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The console's words, from the demo bundle (zh-CN, then English), usable before the application starts. */
final class DemoMessages {

	private DemoMessages() {
	}

	static String text(Locale locale, String key, Object... arguments) {
		ResourceBundle bundle = ResourceBundle.getBundle("messages/demo", locale,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		return new MessageFormat(bundle.getString(key), locale).format(arguments);
	}

	/** Both languages, one line each. */
	static String both(String key, Object... arguments) {
		return text(Locale.ROOT, key, arguments) + System.lineSeparator() + text(Locale.ENGLISH, key, arguments);
	}

	static String refusal(DemoRefusedException refused) {
		return both(refused.messageKey(), refused.arguments());
	}
}
