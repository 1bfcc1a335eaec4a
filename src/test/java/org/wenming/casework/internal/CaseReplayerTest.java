package org.wenming.casework.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wenming.casework.CaseHistoryReplay.Action;
import org.wenming.casework.CaseHistoryReplay.HistoryEntry;
import org.wenming.casework.CaseHistoryReplay.Replayed;
import org.wenming.casework.CaseHistoryReplay.Step;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseStatus;

/**
 * The replayed history's JSON is the same text in every JVM: the details' maps ({@code Map.of})
 * iterate in an order salted per JVM, so unsorted keys would make the demo city's digest differ
 * between two installations generating the same seed.
 */
class CaseReplayerTest {

	@Test
	void detailsAreWrittenWithTheirKeysInOrder() {
		Instant reported = Instant.parse("2026-03-02T01:00:00Z");
		Replayed replayed = CaseReplayer.replay("SANITATION", "44.4412.441202.", CaseSource.PATROL, reported,
				"demo-inspector",
				List.of(new Step(Action.REGISTER, reported.plusSeconds(600), "office", null, null, null),
						new Step(Action.DISPATCH, reported.plusSeconds(1200), "office", null, 7L, "端州区城管局")),
				at -> at.plus(Duration.ofDays(5)));

		assertThat(replayed.status()).isEqualTo(CaseStatus.DISPATCHED);
		HistoryEntry dispatched = replayed.history().get(replayed.history().size() - 1);
		assertThat(dispatched.detailJson()).matches("\\{\"dueAt\":\"[^\"]+\",\"unitId\":7,\"unitName\":\"端州区城管局\"\\}");
	}
}
