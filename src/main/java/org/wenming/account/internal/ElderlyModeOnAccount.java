package org.wenming.account.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.platform.ElderlyModeChoices;

/** Keeps a signed-in person's choice of the elderly mode on their account ({@code app_user.elderly_mode}). */
@Component
class ElderlyModeOnAccount implements ElderlyModeChoices {

	private final JdbcClient jdbc;

	ElderlyModeOnAccount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void chosen(long userId, boolean on) {
		jdbc.sql("update app_user set elderly_mode = :on where id = :id").param("on", on).param("id", userId).update();
	}

	/** Empty while the person has never chosen. */
	Optional<Boolean> of(long userId) {
		return jdbc.sql("select elderly_mode from app_user where id = :id")
			.param("id", userId)
			.query((rs, n) -> Optional.ofNullable((Boolean) rs.getObject(1)))
			.optional()
			.flatMap(choice -> choice);
	}
}
