package org.wenming.newsroom.integrity;

import java.time.Instant;
import java.util.List;

/** What the integrity page shows. */
public final class IntegrityViews {

	private IntegrityViews() {
	}

	/** One sweep. */
	public record Sweep(long id, Instant startedAt, Instant finishedAt, String startedBy, int articles, int fetches,
			int findings, int alarms) {

		public boolean isFinished() {
			return finishedAt != null;
		}
	}

	/** One finding of the latest finished sweep, in the reader's scope. */
	public record Finding(String number, String title, int version, String identity, String kind, boolean cloaked,
			boolean alarmed, String detail, Instant foundAt) {

		public String url() {
			return "/news/" + number;
		}
	}

	/** The page: running now, the last sweeps, the open findings, whether the reader may start a sweep. */
	public record Page(boolean running, List<Sweep> sweeps, List<Finding> findings, boolean mayStart, String done) {
	}
}
