package org.wenming.support;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Signs a MockMvc request in as a person bound to a region, without going through the login form:
 * {@code mvc.perform(get("/admin/sites").with(users.staff("441202", Roles.OFFICE_STAFF)))}.
 * The scope is the region's real path, read from the database.
 */
public final class TestUsers {

	private static final AtomicLong IDS = new AtomicLong(1_000_000);

	private final Regions regions;

	public TestUsers(Regions regions) {
		this.regions = regions;
	}

	public RequestPostProcessor staff(String regionCode, String... roles) {
		DataScope scope = regions.find(regionCode).orElseThrow(() -> new IllegalArgumentException(regionCode)).scope();
		return as(new Principal(IDS.incrementAndGet(), "test-" + regionCode, scope, Set.of(roles)));
	}

	/**
	 * A person acting as themselves: {@code userId} must be a real {@code app_user} id (for example
	 * one a volunteer row's {@code user_id} points at).
	 */
	public RequestPostProcessor person(long userId, String regionCode, String... roles) {
		return as((Principal) principal(userId, regionCode, roles));
	}

	/** The principal itself, for calling services directly as this person. */
	public ScopedUser principal(long userId, String regionCode, String... roles) {
		DataScope scope = regions.find(regionCode).orElseThrow(() -> new IllegalArgumentException(regionCode)).scope();
		return new Principal(userId, "user-" + userId, scope, Set.of(roles));
	}

	/** A region-bound staff principal, for calling services directly. */
	public ScopedUser staffPrincipal(String regionCode, String... roles) {
		return principal(IDS.incrementAndGet(), regionCode, roles);
	}

	/** A volunteer signed in with their own login (a real app_user id, so their record can be found). */
	public RequestPostProcessor volunteer(long userId, String username, String regionCode) {
		DataScope scope = regions.find(regionCode).orElseThrow(() -> new IllegalArgumentException(regionCode)).scope();
		return as(new Principal(userId, username, scope, Set.of(Roles.VOLUNTEER)));
	}

	public RequestPostProcessor systemAdmin() {
		return as(new Principal(IDS.incrementAndGet(), "test-admin", DataScope.EVERYTHING, Set.of(Roles.SYSTEM_ADMIN)));
	}

	private static RequestPostProcessor as(Principal principal) {
		return SecurityMockMvcRequestPostProcessors.user(principal);
	}

	record Principal(long userId, String username, DataScope scope, Set<String> roles) implements ScopedUser, UserDetails {

		@Override
		public String displayName() {
			return username;
		}

		@Override
		public Collection<? extends GrantedAuthority> getAuthorities() {
			return roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
		}

		@Override
		public String getPassword() {
			return "";
		}

		@Override
		public String getUsername() {
			return username;
		}
	}
}
