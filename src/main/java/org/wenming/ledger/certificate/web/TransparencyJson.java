package org.wenming.ledger.certificate.web;

import java.util.Base64;
import java.util.List;

import org.wenming.ledger.certificate.LedgerProofs;
import org.wenming.ledger.transparency.SignedHead;

/**
 * The certificate's ledger proof as open data (design of issue 20): the head the certificate names, the latest
 * head ({@code null} when the same), the consistency proof between them, and each record's canonical encoding
 * with its inclusion path against the latest head. Other cities of the same certificate (rare) are in
 * {@code more}, each with the same four fields. Records are paged ({@code page}, {@code pages},
 * {@code recordCount}; {@code ?page=} on the request). The encodings hold internal ids, titles, organizers and
 * staff usernames, never a volunteer's name, ID number or phone number.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
record TransparencyJson(Head head, Head latest, List<String> consistency, List<Record> records, List<Group> more,
		int page, int pages, int recordCount) {

	private static final Base64.Encoder B64 = Base64.getEncoder();

	static TransparencyJson of(LedgerProofs.Bundle bundle) {
		List<Group> groups = bundle.groups().stream().map(Group::of).toList();
		Group first = groups.isEmpty() ? new Group(null, null, List.of(), List.of()) : groups.get(0);
		return new TransparencyJson(first.head(), first.latest(), first.consistency(), first.records(),
				groups.size() > 1 ? groups.subList(1, groups.size()) : List.of(), bundle.page(), bundle.pages(),
				bundle.recordCount());
	}

	@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
	record Group(Head head, Head latest, List<String> consistency, List<Record> records) {

		static Group of(LedgerProofs.Group g) {
			return new Group(Head.of(g.head()), Head.of(g.latest()), g.consistency().stream().map(B64::encodeToString).toList(),
					g.records().stream().map(Record::of).toList());
		}
	}

	/** A signed head, in the shape of {@code /api/v1/ledger/heads}. */
	record Head(String city, long size, String root, String time, String suite, String keyId, String signature,
			String checkpoint) {

		static Head of(SignedHead h) {
			return h == null ? null
					: new Head(h.cityCode(), h.size(), B64.encodeToString(h.root()), SignedHead.formatTime(h.time()),
							h.suite().name(), h.keyId(), B64.encodeToString(h.signature()), h.checkpoint());
		}
	}

	record Record(long seq, long leafIndex, String leafData, List<String> path) {

		static Record of(LedgerProofs.RecordProof r) {
			return new Record(r.seq(), r.leafIndex(), B64.encodeToString(r.leafData()),
					r.path().stream().map(B64::encodeToString).toList());
		}
	}
}
