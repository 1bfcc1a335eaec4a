package org.wenming.account.internal;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.wenming.platform.DatabaseOutages;
import org.wenming.platform.ProblemResponses;
import org.wenming.shared.Roles;

/**
 * Who may reach what. Pages and the JSON API share one session and CSRF protection; what a
 * signed-in person may then see inside a module is decided by their data scope in that module's SQL.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/** No inline script or style anywhere: everything comes from the application itself. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/** User administration and the audit: civilization-office staff, confined to their region by SQL. */
	static final String[] ADMINISTRATION = { "/admin/users", "/admin/users/**", "/admin/audit", "/admin/audit/**",
			"/api/v1/admin/users", "/api/v1/admin/users/**", "/api/v1/admin/audit", "/api/v1/admin/audit/**" };

	/** The health probes: anyone, no session, no sign-in; the same security headers as every answer. */
	static final String[] PROBES = { "/actuator/health", "/actuator/health/**" };

	/**
	 * The health probes' own chain, ahead of the main one: a load balancer or orchestrator asks several times a
	 * second, with no session and nothing to protect (read-only, no personal data, details never shown). It keeps
	 * the headers and the CSRF check on writes (no write is offered) and drops what a probe never needs: the
	 * session lookup for the security context, the request cache, sign-in and sign-out, and walking the main
	 * chain's list of paths to find out that a probe is allowed (issue 21, docs/BENCHMARKS.md).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain probeFilterChain(HttpSecurity http, ObjectProvider<HealthEndpoint> health,
			ObjectProvider<HealthEndpointGroups> groups) throws Exception {
		http.securityMatcher(PROBES)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache(cache -> cache.disable())
			.logout(logout -> logout.disable());
		HealthEndpoint endpoint = health.getIfAvailable();
		HealthEndpointGroups endpointGroups = groups.getIfAvailable();
		if (endpoint != null && endpointGroups != null) {
			http.addFilterAfter(new ProbeAnswers(endpoint, endpointGroups), AuthorizationFilter.class);
		}
		return headers(http).build();
	}

	/** Every answer's headers: the content security policy, no framing, the referrer kept to the origin. */
	private static HttpSecurity headers(HttpSecurity http) throws Exception {
		return http.headers(headers -> headers
			.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.frameOptions(frame -> frame.deny()));
	}

	/**
	 * No observation around each of Spring Security's filters, its authentication and its authorization: nothing
	 * here traces, and {@code management.observations.enable.spring.security=false} only made the observations
	 * no-ops, still wrapping every filter of every request (about a tenth of the liveness probe's CPU).
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(1)
	SecurityFilterChain securityFilterChain(HttpSecurity http, SignInSuccess signInSuccess,
			AccessDeniedAudit accessDenied, SecurityEvents events) throws Exception {
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers("/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico").permitAll()
				.requestMatchers("/", "/login", "/error", "/sites", "/sites/**", "/regions/**").permitAll()
				.requestMatchers("/volunteers/register", "/volunteers/register/**").permitAll()
				.requestMatchers(HttpMethod.GET, "/teams", "/teams/*").permitAll()
				.requestMatchers(HttpMethod.GET, "/api/v1/regions/**", "/api/v1/sites", "/api/v1/sites/**").permitAll()
				.requestMatchers(HttpMethod.GET, "/api/v1/teams", "/api/v1/teams/*").permitAll()
				// activities: published ones are public; the calendar feed is guarded by its secret token
				.requestMatchers(HttpMethod.GET, "/activities", "/activities/*", "/api/v1/activities",
						"/api/v1/activities/*", "/calendar/*").permitAll()
				// service certificates: anyone holding one may verify it
				.requestMatchers(HttpMethod.GET, "/certificates/**", "/api/v1/certificates/**").permitAll()
				// the ledger's transparency log: signed tree heads, proofs and the public key, for anyone (witnesses)
				.requestMatchers(HttpMethod.GET, "/ledger/transparency", "/ledger/heads.atom", "/api/v1/ledger/cities",
						"/api/v1/ledger/heads", "/api/v1/ledger/heads/latest", "/api/v1/ledger/consistency",
						"/api/v1/ledger/key").permitAll()
				// 随手拍: anyone may report (rate-limited) and follow a case with its secret link
				.requestMatchers("/cases/report", "/cases/report/nearby", "/cases/follow/*", "/cases/follow/*/rating",
						"/cases/follow/*/photos/*").permitAll()
				// casework red/black lists: published figures of districts and units, no case details
				.requestMatchers(HttpMethod.GET, "/casework/rankings", "/casework/rankings/*", "/api/v1/casework/rankings",
						"/api/v1/casework/rankings/*").permitAll()
				// the public dashboard: aggregate figures only (top volunteers only with their consent)
				.requestMatchers(HttpMethod.GET, "/dashboard", "/api/v1/dashboard").permitAll()
				// the government-service catalogue: searching and reading are public
				.requestMatchers(HttpMethod.GET, "/services", "/services/*", "/api/v1/catalogue/items", "/api/v1/catalogue/items/*")
				.permitAll()
				// honours: the public roll, an entry, the Atom feed (consented entries only)
				.requestMatchers(HttpMethod.GET, "/honor", "/honor/entries/*", "/honor/feed.atom").permitAll()
				// the search over everything public (portal): only published documents, each asked of its owner
				.requestMatchers(HttpMethod.GET, "/search", "/api/v1/search").permitAll()
				// the site map for people and for crawlers, and robots.txt naming it (portal): public addresses only
				.requestMatchers(HttpMethod.GET, "/sitemap", "/sitemap.xml", "/sitemap-*.xml", "/robots.txt").permitAll()
				// the service desk: the sites' menus (public offers, nobody's data)
				.requestMatchers(HttpMethod.GET, "/service", "/service/sites/*", "/api/v1/service/menu").permitAll()
				// the private link of an order, guarded by its secret token
				.requestMatchers(HttpMethod.GET, "/service/follow/*").permitAll()
				// the resident's rating, by the same private link (once; only when served)
				.requestMatchers(HttpMethod.POST, "/service/follow/*/rating", "/api/v1/service/follow/*/rating").permitAll()
				// ordering by the web form: anyone, anonymous with a one-time code (rate-limited)
				.requestMatchers("/service/order", "/service/order/code").permitAll()
				// ordering by JSON: anyone (anonymous with a one-time code, limited per client); a code for a mobile
				.requestMatchers(HttpMethod.POST, "/api/v1/service/orders", "/api/v1/service/order-codes").permitAll()
				// honours: the nominator's private link and the nominee's consent link, guarded by their secret tokens;
				// a portrait photo only while a consented public entry shows it (the nomination form needs an account)
				.requestMatchers("/honor/follow/*", "/honor/follow/*/amend", "/honor/follow/*/withdraw", "/honor/consent/*",
						"/honor/consent/*/give", "/honor/consent/*/decline", "/honor/consent/*/withdraw",
						"/honor/consent/*/portrait").permitAll()
				.requestMatchers(HttpMethod.GET, "/honor/photos/*").permitAll()
				// honours: the brand projects and their awards (never a volunteer's); the care register is staff-only
				.requestMatchers(HttpMethod.GET, "/honor/brands", "/api/v1/honor/brands", "/api/v1/honor/awards").permitAll()
				// the newsroom: published articles, their versions, photos and the feed
				.requestMatchers(HttpMethod.GET, "/news", "/news/*", "/news/*/versions/*", "/news/photos/*").permitAll()
				// honours' public notice: consented shortlists only; likes (proof of work or an account), comments and
				// objections rate-limited; the objector's private link guarded by its token
				.requestMatchers(HttpMethod.GET, "/honor/notice", "/honor/notice/*", "/honor/objections/*",
						"/api/v1/honor/notice", "/api/v1/honor/notice/*", "/api/v1/honor/pow").permitAll()
				.requestMatchers(HttpMethod.POST, "/honor/notice/*/comments", "/honor/notice/*/objections",
						"/api/v1/honor/notice/*/likes", "/api/v1/honor/notice/*/comments",
						"/api/v1/honor/notice/*/objections").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
				// Open311 GeoReport v2: public reads; a POST is authenticated by its api_key, not a session
				.requestMatchers("/open311/**").permitAll()
				.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll()
				.requestMatchers("/actuator/**").hasRole(Roles.SYSTEM_ADMIN)
				.requestMatchers(ADMINISTRATION).hasAnyRole(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF)
				.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login").successHandler(signInSuccess)
				.failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?error") {

					@Override
					public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
							AuthenticationException exception) throws IOException, ServletException {
						// the database away is no wrong password: DatabaseOutageFilter answers 503 with Retry-After
						if (DatabaseOutages.isOutage(exception)) {
							throw exception;
						}
						super.onAuthenticationFailure(request, response, exception);
					}
				})
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout")
				.addLogoutHandler((request, response, authentication) -> {
					if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal user) {
						events.record(SecurityEvent.of(SecurityEventType.LOGOUT, "OK").by(user)
								.from(CurrentUser.ip(request)));
					}
				})
				.logoutSuccessUrl("/login?logout").deleteCookies("WENMING_SESSION"))
			// machine clients of Open311 have no session to protect, hence no CSRF token; nor has an app ordering
			// from the service desk without an account (a request without a session is anonymous and needs a code)
			.csrf(csrf -> csrf.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/open311/**"),
					SESSIONLESS_SERVICE_ORDERING, SESSIONLESS_HONOR_NOTICE))
			// a new session id at login, so a session id planted before login is worthless after it
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint())
				.accessDeniedHandler(accessDenied));
		return headers(http).build();
	}

	/**
	 * Anonymous JSON ordering ({@code POST /api/v1/service/order-codes}, {@code /api/v1/service/orders}) by a
	 * client that carries no session: nothing a forged request could ride on, so no CSRF token is asked. A
	 * request with a session (a browser's) is checked as usual.
	 */
	static final RequestMatcher SESSIONLESS_SERVICE_ORDERING = new AndRequestMatcher(
			new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/service/orders"),
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/service/order-codes")),
			request -> request.getSession(false) == null);

	/**
	 * A like, comment or objection by JSON from a client without a session: nothing a forged request could ride
	 * on (a like without a session is kept as a suspect, not counted). A browser's request is checked as usual.
	 */
	static final RequestMatcher SESSIONLESS_HONOR_NOTICE = new AndRequestMatcher(
			new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/honor/notice/*/likes"),
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/honor/notice/*/comments"),
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/honor/notice/*/objections")),
			request -> request.getSession(false) == null);

	/** API and Actuator clients get a 401 problem document; browsers are sent to the login page. */
	private static AuthenticationEntryPoint entryPoint() {
		RequestMatcher machines = new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
				PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"));
		return DelegatingAuthenticationEntryPoint.builder()
			.addEntryPointFor((request, response, ex) -> ProblemResponses.write(response, 401, "Unauthorized",
					"Sign in first"), machines)
			.defaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
			.build();
	}

	/**
	 * The one way to authenticate: the stored bcrypt hash, with the lockout checked before the
	 * password so that a locked name is refused whatever is typed.
	 */
	@Bean
	AuthenticationProvider accountAuthenticationProvider(AccountUserDetailsService users, PasswordEncoder encoder,
			LoginLockout lockout) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users) {

			// the session (a row in spring_session_attributes) keeps the principal without the password hash
			@Override
			protected Authentication createSuccessAuthentication(Object principal,
					Authentication authentication, UserDetails user) {
				Object kept = principal instanceof AccountPrincipal account ? account.withoutPassword() : principal;
				return super.createSuccessAuthentication(kept, authentication, user);
			}
		};
		provider.setPasswordEncoder(encoder);
		provider.setPreAuthenticationChecks(lockout);
		return provider;
	}

	/** bcrypt today, behind the delegating encoder so stored hashes can move to a stronger scheme. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}
}
