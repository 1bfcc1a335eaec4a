package org.wenming.servicedesk.menu;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The categories of service (reference data, a dozen rows): read as they stand, on every node. */
@Service
public class ServiceCategories {

	private final JdbcClient jdbc;

	ServiceCategories(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The active categories in their order. */
	public List<ServiceCategory> active() {
		return jdbc.sql("""
				select code, position, accept_within, accept_unit, serve_within, serve_unit
				from service_category where active order by position""").query(ServiceCategory.class).list();
	}

	/** An active category by its code. */
	public Optional<ServiceCategory> find(String code) {
		if (code == null) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select code, position, accept_within, accept_unit, serve_within, serve_unit
				from service_category where code = :code and active""").param("code", code)
				.query(ServiceCategory.class).optional();
	}
}
