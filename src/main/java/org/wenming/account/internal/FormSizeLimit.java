package org.wenming.account.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.wenming.platform.ProblemResponses;

/**
 * Tomcat stops reading a urlencoded form beyond {@code server.tomcat.max-http-form-post-size} and
 * the parameters then go missing or fail later, far from the cause. Refuse such a form up front
 * with 413 and a plain reason, before anything (CSRF check included) reads a parameter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class FormSizeLimit extends OncePerRequestFilter {

	private final long limit;

	FormSizeLimit(ObjectProvider<TomcatServerProperties> tomcat, Environment environment) {
		// a web slice test starts no server and so has no TomcatServerProperties bean: the same binding then
		this.limit = tomcat
			.getIfAvailable(() -> Binder.get(environment).bindOrCreate("server.tomcat", TomcatServerProperties.class))
			.getMaxHttpFormPostSize().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
				&& request.getContentLengthLong() > limit) {
			ProblemResponses.write(response, 413, "Content Too Large",
					"The form is larger than " + limit + " bytes; shorten the long field");
			return;
		}
		chain.doFilter(request, response);
	}
}
