package org.wenming.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.wenming.volunteer.Volunteer;

/**
 * The sign-ups waiting for one shift, taken together: when a popular shift opens, every request would
 * otherwise queue on the shift's row lock one after the other, each with its own transaction and commit.
 * Here the requests of a node line up per shift in the order they arrived; one of the waiting request
 * threads (the leader) takes everything in line and runs it as one transaction ({@code run}), the others
 * wait for their answers. Nothing is kept beyond the requests in flight: with several nodes, each node's
 * batches still meet at the shift's row lock, so the guarantees are the database's, not this class's.
 */
final class SignupLanes {

	/** The most sign-ups one transaction takes (a longer line waits for the next one). */
	static final int BATCH_MAX = 200;

	/** What became of one sign-up of a batch: the row, or the refusal the volunteer is given. */
	record Outcome(Signup signup, RuntimeException refusal) {

		Signup get() {
			if (refusal != null) {
				throw refusal;
			}
			return signup;
		}
	}

	private static final class Waiting {

		final Volunteer volunteer;

		volatile Outcome outcome;

		Waiting(Volunteer volunteer) {
			this.volunteer = volunteer;
		}
	}

	private static final class Lane {

		final Queue<Waiting> line = new ConcurrentLinkedQueue<>();

		final AtomicBoolean leading = new AtomicBoolean();

		final ReentrantLock lock = new ReentrantLock();

		final Condition changed = lock.newCondition();

		void signalAll() {
			lock.lock();
			try {
				changed.signalAll();
			}
			finally {
				lock.unlock();
			}
		}
	}

	private final ConcurrentHashMap<Long, Lane> lanes = new ConcurrentHashMap<>();

	/**
	 * Puts the volunteer in the shift's line and answers when their sign-up is decided. {@code run} gets a
	 * batch in arrival order and returns one outcome for each, in the same order (it runs in the calling
	 * threads, one batch of a shift at a time on this node).
	 */
	Signup signUp(long shiftId, Volunteer volunteer, Function<List<Volunteer>, List<Outcome>> run) {
		Lane lane = lanes.computeIfAbsent(shiftId, id -> new Lane());
		Waiting mine = new Waiting(volunteer);
		lane.line.add(mine);
		while (mine.outcome == null) {
			if (lane.leading.compareAndSet(false, true)) {
				try {
					// leads until its own answer is there: a steady rush never holds one request for long
					while (mine.outcome == null) {
						List<Waiting> batch = new ArrayList<>();
						for (Waiting w; batch.size() < BATCH_MAX && (w = lane.line.poll()) != null;) {
							batch.add(w);
						}
						decide(batch, run);
						lane.signalAll();
					}
				}
				finally {
					lane.leading.set(false);
					if (lane.line.isEmpty()) {
						// a request that came in meanwhile finds the removed lane still working, or makes a new
						// one: at worst two batches of the shift on this node, and those meet at the row lock
						lanes.remove(shiftId, lane);
					}
					lane.signalAll();
				}
			}
			else {
				await(lane, mine);
			}
		}
		return mine.outcome.get();
	}

	private static void decide(List<Waiting> batch, Function<List<Volunteer>, List<Outcome>> run) {
		List<Outcome> outcomes;
		try {
			outcomes = run.apply(batch.stream().map(w -> w.volunteer).toList());
		}
		catch (Throwable ex) {
			// every request of the batch gets an answer, or its thread would wait for ever
			RuntimeException failure = ex instanceof RuntimeException runtime ? runtime
					: new IllegalStateException("The sign-up batch failed", ex);
			outcomes = batch.stream().map(w -> new Outcome(null, failure)).toList();
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).outcome = outcomes.get(i);
		}
	}

	private static void await(Lane lane, Waiting mine) {
		lane.lock.lock();
		try {
			if (mine.outcome == null && lane.leading.get()) {
				// woken by every batch decided and by the leader stepping down (both signal under this lock, so
				// no signal is lost between the check above and the wait); the timeout is only a safety net
				lane.changed.await(20, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a sign-up", ex);
		}
		finally {
			lane.lock.unlock();
		}
	}
}
