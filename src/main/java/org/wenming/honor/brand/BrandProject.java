package org.wenming.honor.brand;

/**
 * A volunteer service brand project (志愿服务品牌项目).
 *
 * @param teamId the team that runs it, or null
 * @param siteId the practice site it is held at, or null
 * @param status ACTIVE or RETIRED
 */
public record BrandProject(long id, String name, String description, Long teamId, String teamName, Long siteId,
		String siteName, String regionCode, String regionName, String regionPath, Integer sinceYear, String status) {

	public boolean active() {
		return "ACTIVE".equals(status);
	}
}
