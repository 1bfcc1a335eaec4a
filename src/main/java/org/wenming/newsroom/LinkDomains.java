package org.wenming.newsroom;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The domains article bodies may link to (a link elsewhere becomes plain text), kept by the city's staff: the
 * system administrator or office staff whose scope is a whole city. A domain allows itself and its subdomains.
 */
@Service
public class LinkDomains {

	/** A domain on the list. */
	public record Domain(String domain, String note, String addedBy, Instant addedAt) {
	}

	private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern
		.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

	private final JdbcClient jdbc;

	private final Clock clock;

	LinkDomains(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<Domain> list() {
		return jdbc.sql("select domain, note, added_by, added_at from news_link_domain order by domain")
			.query((rs, n) -> new Domain(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** Whether a link to the host is allowed: the host or one of its parents is on the list. */
	public boolean allows(String host, List<String> domains) {
		return domains.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d));
	}

	public List<String> names() {
		return jdbc.sql("select domain from news_link_domain").query(String.class).list();
	}

	public static boolean mayKeep(ScopedUser user) {
		if (user == null) {
			return false;
		}
		if (user.hasRole(Roles.SYSTEM_ADMIN)) {
			return true;
		}
		return user.hasRole(Roles.OFFICE_STAFF) && user.scope().path().split("\\.").length <= 2;
	}

	/** @throws NewsRefusedException on {@code domain} or {@code note} */
	public void add(String domain, String note, ScopedUser user) {
		require(user);
		String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
		if (d.startsWith("https://")) {
			d = d.substring("https://".length());
		}
		if (d.endsWith("/")) {
			d = d.substring(0, d.length() - 1);
		}
		if (d.length() > 253 || !DOMAIN.matcher(d).matches()) {
			throw NewsRefusedException.of("domain", "newsroom.error.domain");
		}
		if (note != null && note.length() > 200) {
			throw NewsRefusedException.of("note", "newsroom.error.tooLong");
		}
		jdbc.sql("""
				insert into news_link_domain (domain, note, added_by, added_at) values (:d, :note, :by, :at)
				on conflict (domain) do update set note = excluded.note""")
			.param("d", d).param("note", note == null || note.isBlank() ? null : note.strip())
			.param("by", user.username()).param("at", java.sql.Timestamp.from(Instant.now(clock))).update();
	}

	public void remove(String domain, ScopedUser user) {
		require(user);
		jdbc.sql("delete from news_link_domain where domain = :d").param("d", domain == null ? "" : domain).update();
	}

	private static void require(ScopedUser user) {
		if (!mayKeep(user)) {
			throw new AccessDeniedException("the link allowlist is kept by the city's staff");
		}
	}
}
