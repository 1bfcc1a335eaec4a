package org.wenming.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The complaint workflow's steps without Spring: only received → investigating → upheld or dismissed. */
class ComplaintStatusTest {

	static final List<String> ACTIONS = List.of("investigate", "uphold", "dismiss", "reopen", "", "INVESTIGATE");

	@Test
	void eachStatusAllowsExactlyItsNextSteps() {
		for (ComplaintStatus status : ComplaintStatus.values()) {
			for (String action : ACTIONS) {
				ComplaintStatus expected = switch (status) {
					case RECEIVED -> "investigate".equals(action) ? ComplaintStatus.INVESTIGATING : null;
					case INVESTIGATING -> "uphold".equals(action) ? ComplaintStatus.UPHELD
							: "dismiss".equals(action) ? ComplaintStatus.DISMISSED : null;
					case UPHELD, DISMISSED -> null;
				};
				assertThat(status.after(action).orElse(null)).as(status + " " + action).isEqualTo(expected);
			}
		}
		assertThat(ComplaintStatus.UPHELD.decided()).isTrue();
		assertThat(ComplaintStatus.DISMISSED.decided()).isTrue();
		assertThat(ComplaintStatus.INVESTIGATING.decided()).isFalse();
	}
}
