package org.wenming.platform;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Outside every other filter: tells a {@link DirectAnswer} when the request's first dispatch has come
 * back through all of them (security headers written, session saved), the moment from which its
 * deciding thread may write the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DirectAnswerFilter implements Filter {

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			chain.doFilter(request, response);
			return;
		}
		request.setAttribute(DirectAnswer.FILTERED, Boolean.TRUE);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (request.getAttribute(DirectAnswer.ATTRIBUTE) instanceof DirectAnswer answer) {
				answer.dispatchReturned();
			}
		}
	}
}
