package org.wenming.honor.roll.web;

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
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wenming.honor.HonorCategory;
import org.wenming.honor.Honour;
import org.wenming.honor.roll.PublicRoll;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;

/**
 * 好人榜, public: the roll ({@code /honor}: filters by honour, period, category and county, paged by key,
 * counts by honour at the top), an entry ({@code /honor/entries/{id}}) and the Atom feed of the newest
 * ({@code /honor/feed.atom}, RFC 4287). Everything from {@code honor_public_entry}: consented entries only.
 */
@Controller
class PublicRollPages extends PageController {

	private final PublicRoll roll;

	private final MessageSource messages;

	PublicRollPages(PublicRoll roll, MessageSource messages) {
		this.roll = roll;
		this.messages = messages;
	}

	@GetMapping("/honor")
	ModelAndView roll(@RequestParam(required = false) String honour, @RequestParam(required = false) String period,
			@RequestParam(required = false) String category, @RequestParam(required = false) String county,
			@RequestParam(required = false) String after) {
		PublicRoll.Filter filter = roll.filter(honour, period, category, county);
		PublicRoll.Cursor cursor = PublicRoll.Cursor.parse(after);
		Map<String, Object> model = new HashMap<>();
		model.put("filter", filter);
		model.put("page", roll.page(filter, cursor, PublicRoll.PAGE_SIZE));
		model.put("counts", roll.counts(filter.county()));
		model.put("counties", roll.counties());
		model.put("honours", List.of(Honour.values()));
		model.put("categories", List.of(HonorCategory.values()));
		model.put("first", cursor == null);
		return new ModelAndView("honor/roll/roll", model);
	}

	@GetMapping("/honor/entries/{id}")
	ModelAndView entry(@PathVariable String id) {
		PublicRoll.Detail detail = roll.entry(QueryParameters.id(id)).orElseThrow(RecordNotFound::new);
		return new ModelAndView("honor/roll/entry", Map.of("d", detail));
	}

	@GetMapping("/honor/feed.atom")
	ResponseEntity<String> feed(HttpServletRequest request) throws XMLStreamException {
		Locale locale = RequestContextUtils.getLocale(request);
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		List<PublicRoll.Item> items = roll.newest();
		Instant updated = items.isEmpty() ? Instant.EPOCH : items.get(0).publishedAt();
		StringWriter text = new StringWriter();
		XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
		xml.writeStartDocument("UTF-8", "1.0");
		xml.writeStartElement("feed");
		xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
		element(xml, "id", base + "/honor/feed.atom");
		element(xml, "title", t("honor.roll.feed.title", locale));
		element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(updated));
		xml.writeStartElement("author");
		element(xml, "name", t("honor.roll.feed.author", locale));
		xml.writeEndElement();
		element(xml, "rights", t("honor.roll.feed.rights", locale));
		link(xml, "self", base + "/honor/feed.atom", "application/atom+xml");
		link(xml, "alternate", base + "/honor", "text/html");
		for (PublicRoll.Item it : items) {
			xml.writeStartElement("entry");
			element(xml, "id", base + "/honor/entries/" + it.id());
			element(xml, "title", it.name() + " · " + t("honor.honour." + it.honour().name(), locale) + " · " + it.period());
			element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(it.publishedAt()));
			element(xml, "published", DateTimeFormatter.ISO_INSTANT.format(it.publishedAt()));
			link(xml, "alternate", base + "/honor/entries/" + it.id(), "text/html");
			xml.writeStartElement("category");
			xml.writeAttribute("term", it.category().name());
			xml.writeAttribute("label", t("honor.category." + it.category().name(), locale));
			xml.writeEndElement();
			xml.writeStartElement("summary");
			xml.writeAttribute("type", "text");
			xml.writeCharacters(it.title() + " (" + it.regionName() + ")");
			xml.writeEndElement();
			xml.writeEndElement();
		}
		xml.writeEndElement();
		xml.writeEndDocument();
		xml.close();
		// readers poll: no-cache with a validator, so a withdrawn consent leaves the feed at the next poll and an
		// unchanged feed costs a 304
		String body = text.toString();
		String etag = etag(body);
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null && java.util.Arrays.stream(ifNoneMatch.split(","))
			.map(t -> t.strip().replaceFirst("^W/", "")).anyMatch(t -> t.equals(etag) || t.equals("*"))) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(CacheControl.noCache()).build();
		}
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
			.eTag(etag).cacheControl(CacheControl.noCache()).body(body);
	}

	private static String etag(String body) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return "\"" + java.util.HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String t(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
