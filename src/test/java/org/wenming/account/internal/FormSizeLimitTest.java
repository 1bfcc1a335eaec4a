package org.wenming.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The form limit is Tomcat's own {@code server.tomcat.max-http-form-post-size}, also in a context that
 * starts no server (a web slice test) and so has no {@link TomcatServerProperties} bean.
 */
class FormSizeLimitTest {

	@Test
	void withoutAServerTheLimitIsBoundFromTheSameSetting() throws Exception {
		FormSizeLimit limit = new FormSizeLimit(new DefaultListableBeanFactory().getBeanProvider(TomcatServerProperties.class),
				new MockEnvironment().withProperty("server.tomcat.max-http-form-post-size", "1KB"));

		assertThat(status(limit, 1024)).isEqualTo(200);
		assertThat(status(limit, 1025)).isEqualTo(413);
	}

	private static int status(FormSizeLimit limit, int bytes) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/admin/users");
		request.setContentType("application/x-www-form-urlencoded");
		request.setContent(new byte[bytes]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		limit.doFilter(request, response, new MockFilterChain());
		return response.getStatus();
	}
}
