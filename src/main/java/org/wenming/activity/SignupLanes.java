package org.wenming.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.wenming.volunteer.Volunteer;

/**
 * The sign-ups waiting for one shift, taken together: when a popular shift opens, every request would
 * otherwise queue on the shift's row lock one after the other, each with its own transaction and commit.
 * Here the requests of a node line up per shift in the order they arrived, and a decider thread takes
 * everything in line and runs it as one transaction ({@code run}) while the next line forms. Nothing is kept beyond the requests in flight: with several nodes, each node's
 * batches still meet at the shift's row lock, so the guarantees are the database's, not this class's.
 */
final class SignupLanes {

	/** The most sign-ups one transaction takes (a longer line waits for the next one). */
	static final int BATCH_MAX = 200;

	/** What became of one sign-up of a batch: the row, or the refusal the volunteer is given. */
	record Outcome(Signup signup, RuntimeException refusal) {
	}

	private static final class Waiting {

		final Volunteer volunteer;

		final CompletableFuture<Signup> answer = new CompletableFuture<>();

		Waiting(Volunteer volunteer) {
			this.volunteer = volunteer;
		}
	}

	private static final class Lane {

		final Queue<Waiting> line = new ConcurrentLinkedQueue<>();

		final AtomicBoolean leading = new AtomicBoolean();
	}

	private final ConcurrentHashMap<Long, Lane> lanes = new ConcurrentHashMap<>();

	/** Runs the batches: a few at once, each holding one database connection while it runs. */
	private final Executor deciders;

	SignupLanes(Executor deciders) {
		this.deciders = deciders;
	}

	/**
	 * Puts the volunteer in the shift's line; the answer comes when their sign-up is decided. {@code run}
	 * gets a batch in arrival order and returns one outcome for each, in the same order; one batch of a
	 * shift runs at a time on this node. No request thread waits meanwhile (on Java 17 a request thread is
	 * scarce: 32 of them would otherwise all wait in the line of one popular shift).
	 */
	CompletableFuture<Signup> signUp(long shiftId, Volunteer volunteer, Function<List<Volunteer>, List<Outcome>> run) {
		Lane lane = lanes.computeIfAbsent(shiftId, id -> new Lane());
		Waiting mine = new Waiting(volunteer);
		lane.line.add(mine);
		if (lane.leading.compareAndSet(false, true)) {
			try {
				deciders.execute(() -> drain(shiftId, lane, run));
			}
			catch (RuntimeException rejected) {
				lane.leading.set(false);
				mine.answer.completeExceptionally(rejected);
			}
		}
		return mine.answer;
	}

	private void drain(long shiftId, Lane lane, Function<List<Volunteer>, List<Outcome>> run) {
		while (true) {
			List<Waiting> batch = new ArrayList<>();
			for (Waiting w; batch.size() < BATCH_MAX && (w = lane.line.poll()) != null;) {
				batch.add(w);
			}
			if (batch.isEmpty()) {
				lane.leading.set(false);
				// a request that came in between the last poll and stepping down found the lane still led:
				// take it up again, or nobody would
				if (lane.line.isEmpty() || !lane.leading.compareAndSet(false, true)) {
					// one that comes in after this finds the removed lane unled and leads it itself, or makes a
					// new one: at worst two batches of the shift at once on this node, and they meet at the row lock
					lanes.remove(shiftId, lane);
					return;
				}
				continue;
			}
			decide(batch, run);
		}
	}

	private static void decide(List<Waiting> batch, Function<List<Volunteer>, List<Outcome>> run) {
		List<Outcome> outcomes;
		try {
			outcomes = run.apply(batch.stream().map(w -> w.volunteer).toList());
		}
		catch (Throwable ex) {
			// every request of the batch gets an answer, or it would wait for ever
			RuntimeException failure = ex instanceof RuntimeException runtime ? runtime
					: new IllegalStateException("The sign-up batch failed", ex);
			outcomes = batch.stream().map(w -> new Outcome(null, failure)).toList();
		}
		for (int i = 0; i < batch.size(); i++) {
			Outcome outcome = outcomes.get(i);
			if (outcome.refusal() != null) {
				batch.get(i).answer.completeExceptionally(outcome.refusal());
			}
			else {
				batch.get(i).answer.complete(outcome.signup());
			}
		}
	}
}
