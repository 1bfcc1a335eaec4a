package org.wenming.ledger.transparency.web;

import static org.wenming.platform.AtomXml.element;
import static org.wenming.platform.AtomXml.link;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wenming.ledger.transparency.SignedHead;
import org.wenming.ledger.transparency.TreeHeads;
import org.wenming.platform.PageController;

/**
 * The public face of the transparency log: the page {@code /ledger/transparency} (suite, key, newest heads, how to
 * witness) and the Atom feed of signed heads {@code /ledger/heads.atom} (RFC 4287, one entry per head, newest 100).
 */
@Controller
class TransparencyPages extends PageController {

	static final int FEED_SIZE = 100;

	private final TreeHeads heads;

	private final MessageSource messages;

	TransparencyPages(TreeHeads heads, MessageSource messages) {
		this.heads = heads;
		this.messages = messages;
	}

	@GetMapping("/ledger/transparency")
	ModelAndView page() {
		Map<String, Object> model = new HashMap<>();
		model.put("view", TransparencyView.of(heads.publicKey(), heads.latestOfEveryCity(), base()));
		return new ModelAndView("ledger/transparency", model);
	}

	@GetMapping("/ledger/heads.atom")
	ResponseEntity<String> feed(HttpServletRequest request) throws XMLStreamException {
		Locale locale = RequestContextUtils.getLocale(request);
		String base = base();
		List<SignedHead> items = heads.newest(FEED_SIZE);
		Instant updated = items.stream().map(SignedHead::time).max(Instant::compareTo).orElse(Instant.EPOCH);
		StringWriter text = new StringWriter();
		XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
		xml.writeStartDocument("UTF-8", "1.0");
		xml.writeStartElement("feed");
		xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
		element(xml, "id", base + "/ledger/heads.atom");
		element(xml, "title", t("transparency.feed.title", locale));
		element(xml, "updated", iso(updated));
		xml.writeStartElement("author");
		element(xml, "name", t("transparency.feed.author", locale));
		xml.writeEndElement();
		link(xml, "self", base + "/ledger/heads.atom", "application/atom+xml");
		link(xml, "alternate", base + "/ledger/transparency", "text/html");
		for (SignedHead h : items) {
			String json = base + "/api/v1/ledger/heads?city=" + h.cityCode() + "&before=" + (h.size() + 1);
			xml.writeStartElement("entry");
			// a tag URI (RFC 4151): stable, unique per head
			element(xml, "id", "tag:wenming," + h.time().toString().substring(0, 10) + ":ledger/" + h.cityCode() + "/"
					+ h.size() + "/" + h.time().toEpochMilli());
			element(xml, "title", t("transparency.feed.entry", locale, h.cityCode(), h.size()));
			element(xml, "updated", iso(h.time()));
			link(xml, "alternate", json, "application/json");
			xml.writeStartElement("content");
			xml.writeAttribute("type", "text");
			xml.writeCharacters(h.checkpoint() + "\nkey " + h.keyId() + "\nsignature "
					+ java.util.Base64.getEncoder().encodeToString(h.signature()) + "\n");
			xml.writeEndElement();
			xml.writeEndElement();
		}
		xml.writeEndElement();
		xml.writeEndDocument();
		xml.close();
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
			.cacheControl(CacheControl.noCache()).body(text.toString());
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}

	private static String iso(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant);
	}

	private String t(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}
}
