package org.wenming.volunteer.demo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.account.AccountRefusedException;
import org.wenming.account.AccountRegistration;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoFigures;
import org.wenming.demo.DemoScenario;
import org.wenming.region.CityGeography;
import org.wenming.region.RegionProperties;
import org.wenming.shared.Roles;
import org.wenming.volunteer.DemoVolunteers;

/**
 * A login for the demo volunteer with the most hours (the ledger's part names them), so a newcomer
 * can see a volunteer's own pages (hours, stars, certificate); created through the account module's
 * self-registration rules, with a random password shown once. Skipped (with a line saying so) when the
 * name is taken, and for another city's data (load beside the installation's own city, which is the
 * one a newcomer signs in to). Last, after the dashboards' aggregates, as it always was.
 */
@Component
class VolunteerLoginDemoPart implements DemoCityPart {

	private final JdbcClient jdbc;

	private final AccountRegistration accounts;

	private final String installationCity;

	VolunteerLoginDemoPart(JdbcClient jdbc, AccountRegistration accounts, RegionProperties regions) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.installationCity = regions.city();
	}

	@Override
	public int order() {
		return 800;
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("login", () -> login(run));
	}

	private void login(DemoCityRun run) {
		DemoVolunteers.MostHours mostHours = run.get(DemoVolunteers.MostHours.class);
		if (mostHours.volunteerId() == 0) {
			return;
		}
		if (!run.get(CityGeography.class).cityCode().equals(installationCity)) {
			run.progress("    no demo login: another city's data, the installation serves " + installationCity);
			return;
		}
		var volunteer = jdbc.sql("select real_name, region_code from volunteer where id = :id and user_id is null")
				.param("id", mostHours.volunteerId()).query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
				.optional();
		if (volunteer.isEmpty()) {
			return;
		}
		String password = DemoScenario.password();
		// asked first: a refusal thrown inside the run's transaction would mark all of it for rollback
		var problems = accounts.loginProblems(DemoScenario.LOGIN, password);
		if (!problems.isEmpty()) {
			run.progress("    no demo login: " + problems);
			return;
		}
		try {
			long userId = accounts.register(DemoScenario.LOGIN, password, volunteer.get()[0], volunteer.get()[1],
					Roles.VOLUNTEER);
			jdbc.sql("update volunteer set user_id = :user where id = :id").param("user", userId)
					.param("id", mostHours.volunteerId()).update();
			run.tally().login(new DemoFigures.Login(DemoScenario.LOGIN, password));
		}
		catch (AccountRefusedException refused) {
			run.progress("    no demo login: " + refused.getMessage());
		}
	}
}
