package org.wenming.honor.notice;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.wenming.shared.ScopedUser;

/**
 * Who sends a like, comment or objection, as the notice sees it: the signed-in person (or nobody), the address
 * block the request came from (/24 for IPv4, /64 for IPv6: one household or office, not one device), the browser's
 * session id and its User-Agent. Only keyed hashes of these are stored; the address itself never.
 */
public record NoticeClient(ScopedUser user, String address, String sessionId, String userAgent) {

	/** What scripts and headless browsers say they are (matched in lower case anywhere in the User-Agent). */
	private static final Pattern AUTOMATION = Pattern.compile("headlesschrome|headless|phantomjs|puppeteer|playwright"
			+ "|selenium|webdriver|python-requests|python-urllib|python-httpx|aiohttp|curl/|wget/|go-http-client"
			+ "|java-http-client|apache-httpclient|okhttp|node-fetch|axios/|undici|libwww-perl|httpie|scrapy|bot\\b"
			+ "|spider|crawler");

	/** Whether the User-Agent is missing or names a script or a browser driven without a screen. */
	public boolean automated() {
		return userAgent == null || userAgent.isBlank() || AUTOMATION.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
	}

	/** The address's block: the first three bytes of IPv4, the first eight of IPv6, as hex; the text itself if unreadable. */
	public String addressBlock() {
		return block(address);
	}

	static String block(String address) {
		if (address == null || address.isBlank()) {
			return "none";
		}
		String literal = address.strip().replace("[", "").replace("]", "").replaceAll("%.*$", "");
		// a literal only: getByName looks nothing up for an address written as numbers
		if (!literal.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !(literal.contains(":") && literal.matches("[0-9A-Fa-f:.]{2,45}"))) {
			return "text:" + literal;
		}
		try {
			byte[] bytes = InetAddress.getByName(literal).getAddress();
			return bytes.length == 4 ? "v4:" + HexFormat.of().formatHex(Arrays.copyOf(bytes, 3))
					: "v6:" + HexFormat.of().formatHex(Arrays.copyOf(bytes, 8));
		}
		catch (UnknownHostException ex) {
			return "text:" + literal;
		}
	}
}
