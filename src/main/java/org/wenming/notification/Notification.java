package org.wenming.notification;

import java.util.Map;

/**
 * A text message to one mainland mobile number.
 *
 * @param topic what it is about, e.g. {@code servicedesk.code} (a one-time code) or {@code servicedesk.order}
 * @param mobile the recipient's mobile number as entered (spaces and dashes allowed); sealed when stored
 * @param templateCode the gateway's template, for gateways that send by template (Aliyun or Tencent SMS style)
 * @param parameters the template's values, by name
 * @param text the whole message in the recipient's language, for gateways that take text
 */
public record Notification(String topic, String mobile, String templateCode, Map<String, String> parameters,
		String text) {

	public Notification {
		parameters = parameters == null ? Map.of() : parameters;
	}

	/** No number in a log line or an exception by accident. */
	@Override
	public String toString() {
		return "Notification[topic=" + topic + ", templateCode=" + templateCode + "]";
	}
}
