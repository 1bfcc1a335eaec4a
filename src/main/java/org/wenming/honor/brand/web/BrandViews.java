package org.wenming.honor.brand.web;

import java.util.List;

import org.wenming.honor.brand.Award;
import org.wenming.honor.brand.AwardLevel;
import org.wenming.honor.brand.Awards;
import org.wenming.honor.brand.BrandProject;
import org.wenming.honor.brand.BrandProjects;
import org.wenming.platform.FormValues;

/** What the brand and award pages show. */
public final class BrandViews {

	private BrandViews() {
	}

	/** Staff's list of projects, or of awards. */
	public record StaffList(List<BrandProject> projects, List<Award> awards, String done) {
	}

	/** A project's form (new when {@code project} is null). */
	public record ProjectForm(BrandProject project, FormValues form, List<BrandProjects.Option> teams,
			List<BrandProjects.Option> sites, List<BrandProjects.RegionOption> regions) {

		public String action() {
			return project == null ? "/admin/honor/brands/new" : "/admin/honor/brands/" + project.id() + "/edit";
		}
	}

	/** An award's form (new when {@code award} is null). */
	public record AwardForm(Award award, FormValues form, List<BrandProject> projects, List<BrandProjects.Option> teams,
			List<BrandProjects.Option> sites, List<AwardLevel> levels, List<Awards.Subject> subjects, int maxMegabytes) {

		public String action() {
			return award == null ? "/admin/honor/awards/new" : "/admin/honor/awards/" + award.id() + "/edit";
		}
	}

	/** A county's (or the city's own) projects with their awards, for the public page. */
	public record CountyProjects(String regionName, List<ProjectAwards> projects) {
	}

	public record ProjectAwards(BrandProject project, List<Award> awards) {
	}

	/** The public page: the city's projects by county, and the teams' and sites' awards. */
	public record Public(String cityName, List<CountyProjects> counties, List<Award> otherAwards) {
	}
}
