package org.wenming.account.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.wenming.platform.ProblemResponses;

/** While a session's password has expired, every page but the change-password page leads there. */
@Configuration(proxyBeanMethods = false)
class PasswordChangeRequired implements HandlerInterceptor, WebMvcConfigurer {

	static final String SESSION_ATTRIBUTE = PasswordChangeRequired.class.getName() + ".EXPIRED";

	static final String PAGE = "/account/password";

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).excludePathPatterns(PAGE, "/logout", "/login", "/error", "/css/**", "/js/**",
				"/img/**", "/webjars/**", "/favicon.ico");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		HttpSession session = request.getSession(false);
		if (session == null || session.getAttribute(SESSION_ATTRIBUTE) == null) {
			return true;
		}
		if (ProblemResponses.wantsJson(request)) {
			ProblemResponses.write(response, 403, "Forbidden", "The password has expired and must be changed first");
		}
		else {
			response.sendRedirect(PAGE + "?expired");
		}
		return false;
	}
}
