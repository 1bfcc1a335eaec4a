package org.wenming.casework.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.wenming.casework.CaseHistoryReplay;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseStatus;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Drives a {@link RectificationCase} through a past history with its own guarded steps. */
public final class CaseReplayer {

	/** Keys in order: the details' maps iterate in an order that changes from one JVM to the next. */
	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private CaseReplayer() {
	}

	public static CaseHistoryReplay.Replayed replay(String categoryCode, String regionPath, CaseSource source,
			Instant reportedAt, String reportedBy, List<CaseHistoryReplay.Step> steps, UnaryOperator<Instant> deadline) {
		RectificationCase c = new RectificationCase(0, "replay", categoryCode, regionPath, 0, CaseStatus.REPORTED);
		List<CaseHistoryReplay.HistoryEntry> history = new ArrayList<>();
		history.add(new CaseHistoryReplay.HistoryEntry("REPORTED", null, CaseStatus.REPORTED, reportedBy, null,
				JSON.writeValueAsString(Map.of("source", source.name())), reportedAt));
		Instant last = reportedAt;
		for (CaseHistoryReplay.Step step : steps) {
			if (step.at().isBefore(last)) {
				throw new IllegalArgumentException("a case's steps go forward in time");
			}
			last = step.at();
			c.now = step.at();
			int before = c.entries().size();
			switch (step.action()) {
				case REGISTER -> c.register(office(step));
				case REJECT -> c.reject(office(step), step.note());
				case DISPATCH -> c.dispatch(office(step), step.unitId(), step.unitName(), deadline.apply(step.at()));
				case ACCEPT -> c.accept(handler(step));
				case SUBMIT_FIX -> c.submitFix(handler(step), step.note(), List::of);
				case VERIFY -> c.verify(office(step), step.note());
				case RETURN -> c.returnForRework(office(step), step.note());
			}
			List<RectificationCase.Entry> entries = c.entries();
			for (RectificationCase.Entry e : entries.subList(before, entries.size())) {
				history.add(new CaseHistoryReplay.HistoryEntry(e.kind(), e.from(), e.to(), e.actor(), e.reason(),
						JSON.writeValueAsString(e.detail()), step.at()));
			}
		}
		return new CaseHistoryReplay.Replayed(c.status, c.registeredAt, c.unitId, c.dispatchedAt, c.dueAt,
				c.fixSubmittedAt, c.fixSubmittedBy, c.closedAt, c.closedOnTime, c.reworkCount, List.copyOf(history));
	}

	private static Actor office(CaseHistoryReplay.Step step) {
		return new Actor(step.actor(), true, false, false);
	}

	private static Actor handler(CaseHistoryReplay.Step step) {
		return new Actor(step.actor(), false, false, true);
	}
}
