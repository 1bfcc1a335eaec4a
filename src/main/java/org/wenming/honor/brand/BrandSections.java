package org.wenming.honor.brand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.wenming.platform.PageSections;

/**
 * The honours' section on a team's and a site's public page: the active brand projects it runs or holds,
 * each with its awards, and the team's or site's own awards. Nothing when there is none of either.
 */
@Component
class BrandSections implements PageSections {

	private final BrandProjects projects;

	private final Awards awards;

	private final MessageSource messages;

	BrandSections(BrandProjects projects, Awards awards, MessageSource messages) {
		this.projects = projects;
		this.awards = awards;
		this.messages = messages;
	}

	@Override
	public List<Section> forTeam(long teamId, Locale locale) {
		return sections(projects.ofTeam(teamId), awards.of(Awards.Subject.TEAM, teamId), locale);
	}

	@Override
	public List<Section> forSite(long siteId, Locale locale) {
		return sections(projects.ofSite(siteId), awards.of(Awards.Subject.SITE, siteId), locale);
	}

	private List<Section> sections(List<BrandProject> own, List<Award> ownAwards, Locale locale) {
		List<Section> sections = new ArrayList<>();
		if (!own.isEmpty()) {
			List<Award> projectAwards = awards.ofProjects(own.stream().map(BrandProject::id).toList());
			List<Item> items = new ArrayList<>();
			for (BrandProject project : own) {
				List<String> lines = new ArrayList<>();
				if (!project.description().isEmpty()) {
					lines.add(project.description());
				}
				if (project.sinceYear() != null) {
					lines.add(t("honor.brand.since", locale, String.valueOf(project.sinceYear())));
				}
				projectAwards.stream().filter(a -> a.subjectId() == project.id()).forEach(a -> lines.add(line(a, locale)));
				items.add(new Item(project.name(), lines, "/honor/brands#project-" + project.id()));
			}
			sections.add(new Section(t("honor.brand.section.projects", locale), items));
		}
		if (!ownAwards.isEmpty()) {
			sections.add(new Section(t("honor.brand.section.awards", locale), ownAwards.stream()
					.map(a -> new Item(a.title(), List.of(meta(a, locale)), null)).toList()));
		}
		return sections;
	}

	private String line(Award award, Locale locale) {
		return t("honor.brand.awardLine", locale, award.title(), award.issuer(), t(award.level().messageKey(), locale),
				String.valueOf(award.year()));
	}

	private String meta(Award award, Locale locale) {
		return t("honor.brand.awardMeta", locale, award.issuer(), t(award.level().messageKey(), locale),
				String.valueOf(award.year()));
	}

	private String t(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}
}
