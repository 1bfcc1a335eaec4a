package org.wenming.platform;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;

/**
 * An answer that is decided on another thread and written by that thread, without a second pass through
 * the container. Spring MVC answers a {@code CompletableFuture} by dispatching the request again: the
 * container queues that dispatch behind every request it has not read yet (under the 8 o'clock rush,
 * 10,000 of them: every answer came at once, 47 s in), and the second pass runs the filters, the session
 * and the handler lookup again. Here the deciding thread writes the answer itself, once the request's
 * first dispatch has returned through every filter ({@link DirectAnswerFilter}), so the security headers
 * and the session are settled exactly as for an answer written on the request thread. Only a failure is
 * dispatched again, so that the usual exception handlers write the same problem document as always
 * ({@link #rethrowFailure}).
 */
public final class DirectAnswer {

	private static final Logger log = LoggerFactory.getLogger(DirectAnswer.class);

	static final String ATTRIBUTE = DirectAnswer.class.getName();

	/** Set by {@link DirectAnswerFilter} while the first dispatch runs inside it. */
	static final String FILTERED = DirectAnswer.class.getName() + ".filtered";

	private static final String FAILURE = DirectAnswer.class.getName() + ".failure";

	private static final int RETURNED = 1;

	private static final int READY = 2;

	/** How the response is written: status, headers and body; the caller completes. */
	@FunctionalInterface
	public interface Writing {

		void write(HttpServletResponse response) throws IOException;
	}

	private final AsyncContext async;

	private final ServletRequest request;

	private final AtomicInteger state;

	/** One outcome only: the answer, a failure or the container's timeout, whichever comes first. */
	private final AtomicBoolean settled = new AtomicBoolean();

	private volatile Runnable finish;

	private DirectAnswer(ServletRequest request, ServletResponse response, boolean filtered) {
		// the container's own objects, not the filters' wrappers: the filters are done with this request
		// (a wrapper's "on commit" would save the session again), and the failure's dispatch wraps anew
		this.request = unwrap(request);
		// without the filter (a test's bare MockMvc) nobody would say the dispatch returned: write when ready
		this.state = new AtomicInteger(filtered ? 0 : RETURNED);
		this.async = this.request.startAsync(this.request, unwrap(response));
		this.async.addListener(new ContainerEvents());
	}

	private static ServletRequest unwrap(ServletRequest request) {
		return request instanceof ServletRequestWrapper wrapper ? unwrap(wrapper.getRequest()) : request;
	}

	private static ServletResponse unwrap(ServletResponse response) {
		return response instanceof ServletResponseWrapper wrapper ? unwrap(wrapper.getResponse()) : response;
	}

	/**
	 * Starts answering the request later. The container's async timeout applies; when it passes first,
	 * the request fails with {@link AsyncRequestTimeoutException} (503), as a {@code CompletableFuture}
	 * answer would.
	 */
	public static DirectAnswer start(HttpServletRequest request, HttpServletResponse response) {
		DirectAnswer answer = new DirectAnswer(request, response, request.getAttribute(FILTERED) != null);
		request.setAttribute(ATTRIBUTE, answer);
		return answer;
	}

	/** Whether this is the dispatch that carries a failure to the exception handlers. */
	public static boolean isFailureDispatch(HttpServletRequest request) {
		return request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(FAILURE) != null;
	}

	/** On the failure's dispatch: throws the failure, for the handlers of the controller that started it. */
	public static void rethrowFailure(HttpServletRequest request) throws Exception {
		Object failure = request.getAttribute(FAILURE);
		request.removeAttribute(FAILURE);
		if (failure instanceof Exception ex) {
			throw ex;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		throw new IllegalStateException("No failure to answer with");
	}

	/** Writes the answer (here, or on the request thread if its first dispatch has not returned yet). */
	public void answer(Writing writing) {
		if (settled.compareAndSet(false, true)) {
			whenReturned(() -> write(writing));
		}
	}

	/** Hands the failure to the exception handlers through one more dispatch. */
	public void fail(Throwable failure) {
		if (settled.compareAndSet(false, true)) {
			whenReturned(() -> dispatchFailure(failure));
		}
	}

	/** Called by the filter once the first dispatch has come back out of every filter. */
	void dispatchReturned() {
		if ((state.getAndUpdate(s -> s | RETURNED) & READY) != 0) {
			finish.run();
		}
	}

	private void whenReturned(Runnable step) {
		finish = step;
		if ((state.getAndUpdate(s -> s | READY) & RETURNED) != 0) {
			step.run();
		}
	}

	private void write(Writing writing) {
		try {
			writing.write((HttpServletResponse) async.getResponse());
		}
		catch (IOException | RuntimeException ex) {
			// the client went away, or the body could not be written: nothing more can be said to it
			log.debug("A direct answer was not written: {}", ex.getClass().getSimpleName());
		}
		finally {
			async.complete();
		}
	}

	private void dispatchFailure(Throwable failure) {
		request.setAttribute(FAILURE, failure);
		async.dispatch();
	}

	/** The container's word on the request: its timeout, the client gone, or the end. */
	private final class ContainerEvents implements AsyncListener {

		@Override
		public void onTimeout(AsyncEvent event) {
			// called on a container thread, long after the first dispatch returned
			if (settled.compareAndSet(false, true)) {
				dispatchFailure(new AsyncRequestTimeoutException());
			}
		}

		@Override
		public void onError(AsyncEvent event) {
			// the connection broke: end it here, and never write to a response the container has recycled
			if (settled.compareAndSet(false, true)) {
				async.complete();
			}
		}

		@Override
		public void onComplete(AsyncEvent event) {
			settled.set(true);
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}
	}
}
