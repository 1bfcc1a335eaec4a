package org.wenming.ledger.transparency.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.ledger.transparency.HeadJson;
import org.wenming.ledger.transparency.PublicKeyInfo;
import org.wenming.ledger.transparency.SignedHead;
import org.wenming.ledger.transparency.TreeHeads;
import org.wenming.ledger.transparency.TreeState;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.RecordNotFound;

/**
 * The transparency log in JSON, for anyone (no sign-in, no personal data): the signed heads, consistency proofs
 * between two sizes of a city's tree, and the public key. What a witness ({@code ledger witness}) reads.
 */
@RestController
@RequestMapping("/api/v1/ledger")
class TransparencyApiController {

	private final TreeHeads heads;

	TransparencyApiController(TreeHeads heads) {
		this.heads = heads;
	}

	/** The cities that have a tree. */
	@GetMapping("/cities")
	Map<String, List<String>> cities() {
		return Map.of("cities", heads.cities());
	}

	/** The city's newest head; 404 when it has none yet. */
	@GetMapping("/heads/latest")
	ResponseEntity<HeadJson> latest(@RequestParam(required = false) String city) {
		SignedHead head = heads.latest(city(city)).orElseThrow(RecordNotFound::new);
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(HeadJson.of(head));
	}

	/** The city's heads, newest first, 100 a page; the next page with {@code before} (and {@code time}) of "next". */
	@GetMapping("/heads")
	Map<String, Object> list(@RequestParam(required = false) String city, @RequestParam(required = false) String before,
			@RequestParam(required = false) String time) {
		String code = city(city);
		Long beforeSize = before == null || before.isBlank() ? null : size("before", before);
		Instant beforeTime = null;
		if (time != null && !time.isBlank()) {
			if (beforeSize == null) {
				throw new InvalidInputException("time", "time goes with before");
			}
			try {
				beforeTime = Instant.parse(time.strip());
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException("time", "time is an instant like 2026-12-07T04:30:00.123Z");
			}
		}
		List<SignedHead> page = heads.list(code, beforeSize, beforeTime);
		Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("heads", page.stream().map(HeadJson::of).toList());
		if (page.size() == TreeHeads.PAGE) {
			SignedHead last = page.get(page.size() - 1);
			body.put("next", "/api/v1/ledger/heads?city=" + code + "&before=" + last.size() + "&time="
					+ SignedHead.formatTime(last.time()));
		}
		return body;
	}

	/** The RFC 9162 consistency proof from the first {@code from} leaves of the city's tree to its first {@code to}. */
	@GetMapping("/consistency")
	Map<String, Object> consistency(@RequestParam(required = false) String city, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		String code = city(city);
		long size1 = size("from", from);
		long size2 = size("to", to);
		TreeState now = heads.tree(code);
		if (size2 > now.size()) {
			throw new InvalidInputException("to", "to is at most the tree's size, " + now.size());
		}
		if (size1 > size2) {
			throw new InvalidInputException("from", "from is at most to");
		}
		Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("city", code);
		body.put("from", size1);
		body.put("to", size2);
		body.put("proof", heads.consistency(code, size1, size2).stream().map(Base64.getEncoder()::encodeToString).toList());
		return body;
	}

	/** The public key that verifies every head. */
	@GetMapping("/key")
	Map<String, String> key() {
		PublicKeyInfo key = heads.publicKey();
		return Map.of("suite", key.suite().name(), "keyId", key.keyId(), "pem", key.pem());
	}

	static String city(String city) {
		if (city == null || city.isBlank()) {
			throw new InvalidInputException("city", "city is required: a city's 4-digit code, e.g. 4412");
		}
		if (!city.strip().matches("\\d{4}")) {
			throw new InvalidInputException("city", "city is a city's 4-digit code, e.g. 4412");
		}
		return city.strip();
	}

	static long size(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, field + " is required: a tree size");
		}
		if (!value.strip().matches("\\d{1,15}")) {
			throw new InvalidInputException(field, field + " is a tree size: a whole number, 0 or more");
		}
		return Long.parseLong(value.strip());
	}
}
