package org.wenming.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * MockMvc stops at the first dispatch of a controller that answers asynchronously (the sign-up API answers
 * when its shift's batch is decided); a real server sends the answer of the async dispatch. This performs
 * the request and, when it went async, the dispatch the container would make.
 */
public final class AsyncAnswers {

	private AsyncAnswers() {
	}

	public static MvcResult perform(MockMvc mvc, RequestBuilder request) throws Exception {
		MvcResult first = mvc.perform(request).andReturn();
		if (!first.getRequest().isAsyncStarted()) {
			return first;
		}
		first.getAsyncResult(30_000);
		return mvc.perform(asyncDispatch(first)).andReturn();
	}
}
