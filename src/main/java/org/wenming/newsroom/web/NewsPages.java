package org.wenming.newsroom.web;

import static org.wenming.platform.AtomXml.element;
import static org.wenming.platform.AtomXml.link;

import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wenming.newsroom.Article;
import org.wenming.newsroom.ArticleStatus;
import org.wenming.newsroom.Articles;
import org.wenming.newsroom.NewsPhotos;
import org.wenming.platform.PageController;
import org.wenming.platform.QrSvg;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import tools.jackson.databind.json.JsonMapper;

/**
 * The public newsroom: the list ({@code /news}, newest first, paged, by tag), an article
 * ({@code /news/{number}}: JSON-LD, Open Graph, share panel; a withdrawn one answers 410, a draft 404), an
 * older version ({@code /news/{number}/versions/{v}}), the photos and the Atom feed ({@code /news/feed.atom}).
 *
 * <p>The JSON-LD is a {@code <script type="application/ld+json">} element: the CSP's {@code script-src 'self'}
 * governs scripts a browser runs, and a data block of another type is never run, so it is not blocked (and
 * needs no nonce); it is written with every {@code <} escaped so it cannot close its element.
 */
@Controller
class NewsPages extends PageController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Articles articles;

	private final NewsPhotos photos;

	private final MessageSource messages;

	/**
	 * The share panel's QR code by address and title: the same drawing for every reader, and the slowest part of
	 * the page to make (its modules are found by encoding). Only a function of its key, so a node's own copy is
	 * never wrong.
	 */
	private final Cache<String, String> shareCodes = Caffeine.newBuilder().maximumSize(2_000).build();

	NewsPages(Articles articles, NewsPhotos photos, MessageSource messages) {
		this.articles = articles;
		this.photos = photos;
		this.messages = messages;
	}

	@GetMapping("/news")
	ModelAndView list(@RequestParam(required = false) String tag, @RequestParam(required = false) String page) {
		String t = tag == null || tag.isBlank() || tag.length() > 20 ? null : tag.strip();
		int p = page == null || !page.matches("\\d{1,5}") ? 1 : Integer.parseInt(page);
		Articles.Page result = articles.published(t, p, articles.properties().pageSize());
		return new ModelAndView("newsroom/list",
				Map.of("view", new NewsViews.ListView(result.articles(), result.page(), result.hasNext(), t)));
	}

	@GetMapping("/news/{number}")
	ModelAndView article(@PathVariable String number,
			@org.springframework.web.bind.annotation.RequestHeader(name = "User-Agent", required = false) String agent) {
		Article a = publicArticle(number);
		// a view count counts readers: a crawler's visit is not a view (the integrity sweep's reader-like fetches
		// are taken back by the sweep itself, so nothing in its requests marks them)
		if (!Articles.isCrawler(agent)) {
			articles.countView(a.id());
		}
		return new ModelAndView("newsroom/article", Map.of("view", view(a, null)));
	}

	@GetMapping("/news/{number}/versions/{version}")
	ModelAndView version(@PathVariable String number, @PathVariable String version) {
		Article a = publicArticle(number);
		if (!version.matches("\\d{1,4}")) {
			throw new RecordNotFound();
		}
		int v = Integer.parseInt(version);
		Article.Version shown = articles.versions(a.id()).stream().filter(x -> x.version() == v).findFirst()
			.orElseThrow(RecordNotFound::new);
		return new ModelAndView("newsroom/article", Map.of("view", view(a, shown)));
	}

	@GetMapping("/news/photos/{id}")
	ResponseEntity<byte[]> photo(@PathVariable String id, @AuthenticationPrincipal ScopedUser user) {
		if (!id.matches("\\d{1,18}")) {
			throw new RecordNotFound();
		}
		NewsPhotos.Content c = photos.open(Long.parseLong(id), user).orElseThrow(RecordNotFound::new);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(c.contentType()))
			.header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff").body(c.bytes());
	}

	@GetMapping("/news/feed.atom")
	ResponseEntity<String> feed(HttpServletRequest request) throws XMLStreamException {
		Locale locale = RequestContextUtils.getLocale(request);
		String base = base();
		List<Article> items = articles.published(null, 1, articles.properties().feedSize()).articles();
		Instant updated = items.stream().map(Article::updatedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
		StringWriter text = new StringWriter();
		XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
		xml.writeStartDocument("UTF-8", "1.0");
		xml.writeStartElement("feed");
		xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
		element(xml, "id", base + "/news/feed.atom");
		element(xml, "title", t("newsroom.feed.title", locale));
		element(xml, "updated", iso(updated));
		xml.writeStartElement("author");
		element(xml, "name", t("newsroom.feed.author", locale));
		xml.writeEndElement();
		element(xml, "rights", t("newsroom.feed.rights", locale));
		link(xml, "self", base + "/news/feed.atom", "application/atom+xml");
		link(xml, "alternate", base + "/news", "text/html");
		for (Article a : items) {
			xml.writeStartElement("entry");
			element(xml, "id", base + a.url());
			element(xml, "title", a.title());
			element(xml, "updated", iso(a.updatedAt()));
			element(xml, "published", iso(a.publishedAt()));
			link(xml, "alternate", base + a.url(), "text/html");
			List<String> names = new java.util.ArrayList<>(a.reporters());
			names.addAll(a.correspondents());
			if (names.isEmpty()) {
				names.add(a.source() != null ? a.source() : t("newsroom.feed.author", locale));
			}
			for (String name : names) {
				xml.writeStartElement("author");
				element(xml, "name", name);
				xml.writeEndElement();
			}
			for (String tag : a.tags()) {
				xml.writeEmptyElement("category");
				xml.writeAttribute("term", tag);
			}
			if (a.isReprint()) {
				xml.writeStartElement("source");
				element(xml, "id", a.reprint().url());
				element(xml, "title", a.reprint().source());
				link(xml, "alternate", a.reprint().url(), "text/html");
				if (a.reprint().terms() != null) {
					element(xml, "rights", a.reprint().terms());
				}
				xml.writeEndElement();
				element(xml, "rights", a.reprint().terms() != null ? a.reprint().terms()
						: t("newsroom.feed.reprintRights", locale));
			}
			if (a.lead() != null) {
				xml.writeStartElement("summary");
				xml.writeAttribute("type", "text");
				xml.writeCharacters(a.lead());
				xml.writeEndElement();
			}
			xml.writeStartElement("content");
			xml.writeAttribute("type", "html");
			xml.writeCharacters(a.bodyHtml());
			xml.writeEndElement();
			xml.writeEndElement();
		}
		xml.writeEndElement();
		xml.writeEndDocument();
		xml.close();
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
			.cacheControl(CacheControl.noCache()).body(text.toString());
	}

	private Article publicArticle(String number) {
		Article a = articles.byNumber(number).orElseThrow(RecordNotFound::new);
		if (a.status() == ArticleStatus.WITHDRAWN) {
			throw new ResponseStatusException(HttpStatus.GONE);
		}
		if (a.status() != ArticleStatus.PUBLISHED) {
			throw new RecordNotFound();
		}
		return a;
	}

	private NewsViews.ArticleView view(Article a, Article.Version shown) {
		String base = base();
		String url = base + a.url();
		List<Article.Photo> ps = articles.photos(a.id());
		String image = ps.isEmpty() ? null : base + "/news/photos/" + ps.get(0).id();
		String weibo = "https://service.weibo.com/share/share.php?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)
				+ "&title=" + URLEncoder.encode(a.title(), StandardCharsets.UTF_8);
		return new NewsViews.ArticleView(a, shown, ps, articles.versions(a.id()), url,
				shareCodes.get(url + "\n" + a.title(), k -> QrSvg.of(url, a.title())), weibo, jsonLd(a, url, image), image);
	}

	/** schema.org NewsArticle, with every {@code <} escaped (it sits in a script element). */
	static String jsonLd(Article a, String url, String image) {
		Map<String, Object> ld = new LinkedHashMap<>();
		ld.put("@context", "https://schema.org");
		ld.put("@type", "NewsArticle");
		ld.put("headline", a.title());
		if (a.lead() != null) {
			ld.put("description", a.lead());
		}
		ld.put("mainEntityOfPage", url);
		ld.put("url", url);
		ld.put("datePublished", iso(a.publishedAt()));
		ld.put("dateModified", iso(a.updatedAt()));
		if (image != null) {
			ld.put("image", List.of(image));
		}
		ld.put("author", a.reporters().stream().map(n -> Map.of("@type", "Person", "name", n)).toList());
		if (a.editor() != null) {
			ld.put("editor", Map.of("@type", "Person", "name", a.editor()));
		}
		ld.put("keywords", String.join(",", a.tags()));
		ld.put("contentLocation", Map.of("@type", "Place", "name", a.regionName()));
		if (a.isReprint()) {
			ld.put("isBasedOn", a.reprint().url());
			ld.put("sourceOrganization", Map.of("@type", "Organization", "name", a.reprint().source()));
		}
		return JSON.writeValueAsString(ld).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}

	private static String iso(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant);
	}

	private String t(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
