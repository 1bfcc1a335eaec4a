package org.wenming.honor.brand.web;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.honor.brand.Award;
import org.wenming.honor.brand.Awards;
import org.wenming.honor.brand.BrandProject;
import org.wenming.honor.brand.BrandProjects;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;

/** What the public see of the home city's brands: active projects, and awards that are not a volunteer's. */
@Component
class BrandCatalogue {

	/** The most projects and awards listed publicly (a city has tens). */
	static final int LIMIT = 1000;

	/** The home city's public projects and awards, and the names of its counties by code. */
	record Listing(Region city, List<BrandProject> projects, List<Award> awards, Map<String, String> counties) {

		/** The county a path lies in ({@code 44.4412.441202.}), or the city's name for the city's own. */
		String countyName(String path) {
			String[] parts = path.split("\\.");
			return parts.length >= 3 && counties.containsKey(parts[2]) ? counties.get(parts[2]) : city.name();
		}
	}

	private final BrandProjects projects;

	private final Awards awards;

	private final PracticeSites sites;

	private final JdbcClient jdbc;

	BrandCatalogue(BrandProjects projects, Awards awards, PracticeSites sites, JdbcClient jdbc) {
		this.projects = projects;
		this.awards = awards;
		this.sites = sites;
		this.jdbc = jdbc;
	}

	Listing city() {
		Region city = sites.homeCity();
		Map<String, String> counties = new java.util.HashMap<>();
		jdbc.sql("select code, name from published_region where parent_code = :city").param("city", city.code())
			.query((rs, i) -> counties.put(rs.getString("code"), rs.getString("name"))).list();
		return new Listing(city, projects.in(city.scope(), true, LIMIT), awards.publicIn(city.scope(), LIMIT), counties);
	}
}
