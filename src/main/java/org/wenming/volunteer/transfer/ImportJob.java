package org.wenming.volunteer.transfer;

import java.time.OffsetDateTime;

/** One bulk import (导入任务) as its page and the API show it. */
public record ImportJob(long id, String createdBy, String scopePath, String fileName, Status status, String problem, String problemDetail,
		int rowsRead, int rowsOk, int errorsCount, int imported, OffsetDateTime createdAt, OffsetDateTime startedAt,
		OffsetDateTime finishedAt, boolean hasReport) {

	public enum Status {
		QUEUED, VALIDATING, IMPORTING, DONE, REFUSED, FAILED,
		/** Stopped with its server before it finished; nothing was imported, so the file may be uploaded again. */
		INTERRUPTED;

		public boolean finished() {
			return this == DONE || this == REFUSED || this == FAILED || this == INTERRUPTED;
		}

		public String messageKey() {
			return "volunteer.import.status." + name();
		}
	}

	public boolean finished() {
		return status.finished();
	}

	/** Whether the page and the API offer to run the file again (its upload is gone: the user sends it again). */
	public boolean rerunnable() {
		return status == Status.INTERRUPTED;
	}
}
