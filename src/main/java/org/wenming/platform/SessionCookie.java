package org.wenming.platform;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.Cookie;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie of Spring Session, from the same {@code server.servlet.session.cookie.*} settings the
 * container's cookie had ({@code WENMING_SESSION}, HttpOnly, Secure, SameSite=Lax). Boot maps them only
 * when it starts an embedded server; a context without one (MockMvc, a war) would otherwise send a cookie
 * named {@code SESSION} with none of the flags.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookie {

	@Bean
	DefaultCookieSerializer cookieSerializer(Environment environment) {
		Cookie cookie = Binder.get(environment).bind("server.servlet.session.cookie", Cookie.class).orElseGet(Cookie::new);
		DefaultCookieSerializer serializer = new DefaultCookieSerializer();
		if (cookie.getName() != null) {
			serializer.setCookieName(cookie.getName());
		}
		if (cookie.getDomain() != null) {
			serializer.setDomainName(cookie.getDomain());
		}
		if (cookie.getPath() != null) {
			serializer.setCookiePath(cookie.getPath());
		}
		if (cookie.getHttpOnly() != null) {
			serializer.setUseHttpOnlyCookie(cookie.getHttpOnly());
		}
		if (cookie.getSecure() != null) {
			serializer.setUseSecureCookie(cookie.getSecure());
		}
		if (cookie.getMaxAge() != null) {
			serializer.setCookieMaxAge((int) cookie.getMaxAge().toSeconds());
		}
		if (cookie.getSameSite() != null) {
			serializer.setSameSite(cookie.getSameSite().attributeValue());
		}
		if (cookie.getPartitioned() != null) {
			serializer.setPartitioned(cookie.getPartitioned());
		}
		return serializer;
	}
}
