package org.wenming.volunteer.transfer;

import java.time.OffsetDateTime;

/**
 * One bulk import (导入任务) as its page and the API show it.
 *
 * @param attempts how many times a worker has started it (a run again adds one)
 * @param claimedBy the node whose worker ran the last attempt; null while first queued
 * @param uploadKept whether its upload is still in the object store (until the job is DONE or REFUSED)
 */
public record ImportJob(long id, String createdBy, String scopePath, String fileName, Status status, String problem, String problemDetail,
		int rowsRead, int rowsOk, int errorsCount, int imported, OffsetDateTime createdAt, OffsetDateTime startedAt,
		OffsetDateTime finishedAt, boolean hasReport, int attempts, String claimedBy, boolean uploadKept) {

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

	/** Whether the page and the API offer to upload the file again (its upload is gone: the user sends it again). */
	public boolean rerunnable() {
		return status == Status.INTERRUPTED && !uploadKept;
	}

	/** Whether staff may run it again from its kept upload (运行失败或中断后再次运行). */
	public boolean canRunAgain() {
		return (status == Status.FAILED || status == Status.INTERRUPTED) && uploadKept;
	}
}
