package org.wenming.ledger.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.ledger.LedgerRefusedException;
import org.wenming.ledger.MyHours;
import org.wenming.ledger.RecordPage;
import org.wenming.ledger.RecordQuery;
import org.wenming.ledger.RecordRow;
import org.wenming.ledger.ServiceLedger;
import org.wenming.ledger.ServiceRecord;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.Paging;
import org.wenming.shared.ScopedUser;

/** The ledger over JSON: staff list and record hours in their scope; a volunteer reads their own. */
@RestController
class LedgerApiController {

	static final int SIZE_MAX = 500;

	private final ServiceLedger ledger;

	LedgerApiController(ServiceLedger ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/api/v1/admin/ledger/records")
	Page records(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String volunteer,
			@RequestParam(required = false) String team, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		ServiceLedger.requireStaff(user);
		RecordPage found = ledger.records(new RecordQuery(LedgerInputs.volunteerNumber("volunteer", volunteer),
				LedgerInputs.id("team", team, false), LedgerInputs.date("from", from, false),
				LedgerInputs.date("to", to, false), Paging.page(page), Paging.size(size, 50, SIZE_MAX)),
				user);
		return new Page(found.items().stream().map(Record::of).toList(), found.total(), found.page(), found.size());
	}

	@PostMapping("/api/v1/admin/ledger/records")
	ResponseEntity<Record> record(@AuthenticationPrincipal ScopedUser user, @RequestBody ManualInput input) {
		ServiceLedger.requireStaff(user);
		ServiceRecord saved = ledger.recordManual(LedgerAdminController.draft(input.asParams()), user);
		RecordRow row = new RecordRow(saved.seq(), saved.kind(), input.volunteerNumber(), null, saved.activityTitle(),
				saved.startedAt(), saved.endedAt(), saved.hours(), saved.organizationName(), saved.recordedBy(),
				saved.confirmedBy(), saved.correctsSeq(), saved.reason(), saved.approvedBy(), saved.recordedAt());
		return ResponseEntity.created(URI.create("/api/v1/admin/ledger/records?volunteer=" + input.volunteerNumber()))
			.body(Record.of(row));
	}

	@GetMapping("/api/v1/me/hours")
	Mine mine(@AuthenticationPrincipal ScopedUser user) {
		MyHours hours = ledger.myHours(user)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no volunteer record"));
		return new Mine(hours.volunteerNumber(), hours.totals().hours(), hours.totals().records(),
				hours.totals().yearHours(), hours.totals().year(), hours.totals().stars(), hours.totals().toNextStar(),
				hours.records().stream().map(Record::of).toList());
	}

	@ExceptionHandler(LedgerRefusedException.class)
	ProblemDetail refused(LedgerRefusedException ex) {
		return ApiProblems.invalid(List.of(ApiProblems.error(ex.field(), ex.messageKey())));
	}

	/** A manual record as JSON: the same fields as the page's form, as text, checked the same way. */
	record ManualInput(String volunteerNumber, String organizationKind, String organizationId, String activityType,
			String activityTitle, String day, String start, String end, String confirmedBy) {

		Map<String, String> asParams() {
			Map<String, String> params = new java.util.HashMap<>();
			put(params, "volunteerNumber", volunteerNumber);
			put(params, "organizationKind", organizationKind);
			put(params, "organizationId", organizationId);
			put(params, "activityType", activityType);
			put(params, "activityTitle", activityTitle);
			put(params, "day", day);
			put(params, "start", start);
			put(params, "end", end);
			put(params, "confirmedBy", confirmedBy);
			return params;
		}

		private static void put(Map<String, String> params, String key, String value) {
			if (value != null) {
				params.put(key, value);
			}
		}
	}

	record Record(long seq, String kind, String volunteerNumber, String volunteerName, String activityTitle,
			OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours, String organizationName,
			String recordedBy, String confirmedBy, Long correctsSeq, String reason, String approvedBy) {

		static Record of(RecordRow r) {
			return new Record(r.seq(), r.kind().name(), r.volunteerNumber(), r.volunteerName(), r.activityTitle(),
					r.startedAt(), r.endedAt(), r.hours(), r.organizationName(), r.recordedBy(), r.confirmedBy(),
					r.correctsSeq(), r.reason(), r.approvedBy());
		}
	}

	record Page(List<Record> items, long total, int page, int size) {
	}

	record Mine(String volunteerNumber, BigDecimal hours, int records, BigDecimal yearHours, int year, int stars,
			BigDecimal toNextStar, List<Record> latest) {
	}
}
