package org.wenming.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

import jakarta.servlet.DispatcherType;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.web.context.request.async.WebAsyncUtils;

/**
 * MockMvc stops at the first dispatch of a controller that answers asynchronously; a real server sends
 * what comes after. This performs the request and then waits for the rest the way the container would:
 * a sign-up's answer is written by the thread that decided it ({@code platform.DirectAnswer}), which
 * completes the request or, for a refusal, dispatches it once more to the exception handlers; an answer
 * through Spring MVC's own async support (a {@code CompletableFuture}) gets its async dispatch.
 */
public final class AsyncAnswers {

	private static final long WAIT_MS = 30_000;

	private AsyncAnswers() {
	}

	public static MvcResult perform(MockMvc mvc, RequestBuilder request) throws Exception {
		MvcResult first = mvc.perform(request).andReturn();
		MockHttpServletRequest sent = first.getRequest();
		if (!sent.isAsyncStarted()) {
			return first;
		}
		if (WebAsyncUtils.getAsyncManager(sent).isConcurrentHandlingStarted()) {
			first.getAsyncResult(WAIT_MS);
			return mvc.perform(asyncDispatch(first)).andReturn();
		}
		MockAsyncContext context = (MockAsyncContext) sent.getAsyncContext();
		long until = System.currentTimeMillis() + WAIT_MS;
		// written and completed (no longer started), or dispatched again (a path to dispatch to)
		while (sent.isAsyncStarted() && context.getDispatchedPath() == null) {
			if (System.currentTimeMillis() > until) {
				throw new AssertionError("No answer within " + WAIT_MS + " ms");
			}
			Thread.sleep(2);
		}
		if (context.getDispatchedPath() == null) {
			return first;
		}
		RequestBuilder again = servletContext -> {
			sent.setDispatcherType(DispatcherType.ASYNC);
			sent.setAsyncStarted(false);
			return sent;
		};
		return mvc.perform(again).andReturn();
	}
}
