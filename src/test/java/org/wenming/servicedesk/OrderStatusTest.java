package org.wenming.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

/** The order's life as docs/notes/servicedesk.md draws it, without Spring. */
class OrderStatusTest {

	@Test
	void anOrderGoesFromTheSiteToATeamToTheResidentsRating() {
		assertThat(OrderStatus.RECEIVED.mayMoveTo(OrderStatus.ACCEPTED)).isTrue();
		assertThat(OrderStatus.RECEIVED.mayMoveTo(OrderStatus.DISPATCHED)).isTrue();
		assertThat(OrderStatus.ACCEPTED.mayMoveTo(OrderStatus.DISPATCHED)).isTrue();
		assertThat(OrderStatus.DISPATCHED.mayMoveTo(OrderStatus.SERVED)).isTrue();
		assertThat(OrderStatus.SERVED.next()).containsExactlyInAnyOrder(OrderStatus.RATED, OrderStatus.UNRATED);
	}

	@Test
	void aHandBackReturnsTheOrderToTheSitesQueueAndItIsDispatchedAgain() {
		assertThat(OrderStatus.DISPATCHED.mayMoveTo(OrderStatus.HANDED_BACK)).isTrue();
		assertThat(OrderStatus.HANDED_BACK.atSite()).isTrue();
		assertThat(OrderStatus.HANDED_BACK.mayMoveTo(OrderStatus.DISPATCHED)).isTrue();
		assertThat(OrderStatus.PASSED_UP.mayMoveTo(OrderStatus.PASSED_UP)).as("the institute passes it to the centre")
				.isTrue();
	}

	@Test
	void noRatingBeforeCompletionAndNothingAfterTheEnd() {
		for (OrderStatus status : EnumSet.complementOf(EnumSet.of(OrderStatus.SERVED))) {
			assertThat(status.mayMoveTo(OrderStatus.RATED)).as(status + " → RATED").isFalse();
		}
		for (OrderStatus end : EnumSet.of(OrderStatus.RATED, OrderStatus.UNRATED, OrderStatus.DECLINED,
				OrderStatus.CANCELLED)) {
			assertThat(end.closed()).isTrue();
			assertThat(end.next()).isEmpty();
		}
		assertThat(OrderStatus.SERVED.mayMoveTo(OrderStatus.CANCELLED)).as("a served order is rated, not cancelled")
				.isFalse();
	}

	@Test
	void theResidentCancelsOnlyBeforeATeamHasIt() {
		assertThat(OrderStatus.RECEIVED.cancellableByResident()).isTrue();
		assertThat(OrderStatus.ACCEPTED.cancellableByResident()).isTrue();
		assertThat(OrderStatus.DISPATCHED.cancellableByResident()).isFalse();
		assertThat(OrderStatus.SERVED.cancellableByResident()).isFalse();
	}
}
