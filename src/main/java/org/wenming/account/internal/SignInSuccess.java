package org.wenming.account.internal;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.wenming.platform.ElderlyMode;
import org.wenming.shared.Roles;

/**
 * After a successful login: staff sessions get the shorter idle timeout, and a staff member whose
 * password is too old is sent to change it (and kept there by {@link PasswordChangeRequired}); the
 * elderly mode the person chose on another device is applied to this one.
 */
@Component
class SignInSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

	private final AccountSecurityProperties properties;

	private final Clock clock;

	private final ElderlyModeOnAccount elderlyMode;

	SignInSuccess(AccountSecurityProperties properties, Clock clock, ElderlyModeOnAccount elderlyMode) {
		this.properties = properties;
		this.clock = clock;
		this.elderlyMode = elderlyMode;
		setDefaultTargetUrl("/admin");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		if (authentication.getPrincipal() instanceof AccountPrincipal principal) {
			elderlyMode.of(principal.userId()).ifPresent(on -> ElderlyMode.remember(request, response, on));
			if (principal.roles().stream().anyMatch(Roles.STAFF::contains)) {
				request.getSession().setMaxInactiveInterval((int) properties.staffIdleTimeout().toSeconds());
			}
			if (new PasswordPolicy(properties.password()).mustChange(principal.roles(), principal.passwordChangedAt(),
					clock)) {
				request.getSession().setAttribute(PasswordChangeRequired.SESSION_ATTRIBUTE, Boolean.TRUE);
				clearAuthenticationAttributes(request);
				getRedirectStrategy().sendRedirect(request, response, PasswordChangeRequired.PAGE + "?expired");
				return;
			}
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}
}
