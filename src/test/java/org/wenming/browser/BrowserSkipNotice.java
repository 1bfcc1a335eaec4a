package org.wenming.browser;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Says plainly, at the end of the run, that the browser tests did not run and why. */
public final class BrowserSkipNotice implements TestExecutionListener {

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		String reason = BrowserExtension.SKIPPED.get();
		if (reason != null) {
			System.out.println();
			System.out.println("**********************************************************************");
			System.out.println("  " + reason);
			System.out.println("**********************************************************************");
		}
	}
}
