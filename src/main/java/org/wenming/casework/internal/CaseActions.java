package org.wenming.casework.internal;

import java.util.ArrayList;
import java.util.List;

import org.wenming.casework.CaseStatus;
import org.wenming.casework.CaseView;

/**
 * The steps a person may take on a case right now, so pages and the API offer only those. The
 * workflow checks again when a step is taken; this is the same rules read ahead.
 */
public final class CaseActions {

	public enum Action {
		REGISTER, REJECT, DISPATCH, ACCEPT, SUBMIT_FIX, VERIFY, REWORK, REQUEST_EXTENSION, REQUEST_SUSPENSION,
		DECIDE, RESUME, REOPEN, MERGE
	}

	private CaseActions() {
	}

	public static List<Action> available(CaseView c, Actor actor, String fixSubmittedBy, boolean pendingApproval) {
		List<Action> actions = new ArrayList<>();
		CaseStatus s = c.status();
		boolean working = s == CaseStatus.DISPATCHED || s == CaseStatus.IN_PROGRESS;
		if (actor.office()) {
			if (s == CaseStatus.REPORTED) {
				actions.add(Action.REGISTER);
				actions.add(Action.REJECT);
			}
			if (s == CaseStatus.REGISTERED) {
				actions.add(Action.DISPATCH);
			}
			if (s == CaseStatus.SUSPENDED) {
				actions.add(Action.RESUME);
			}
			if (s == CaseStatus.CLOSED) {
				actions.add(Action.REOPEN);
			}
			if (pendingApproval && working) {
				actions.add(Action.DECIDE);
			}
			if (s.open() && s != CaseStatus.FIX_SUBMITTED) {
				actions.add(Action.MERGE);
			}
		}
		if ((actor.office() || actor.inspector()) && s == CaseStatus.FIX_SUBMITTED
				&& !actor.username().equals(fixSubmittedBy)) {
			actions.add(Action.VERIFY);
			actions.add(Action.REWORK);
		}
		if (actor.handler()) {
			if (s == CaseStatus.DISPATCHED) {
				actions.add(Action.ACCEPT);
			}
			if (s == CaseStatus.IN_PROGRESS) {
				actions.add(Action.SUBMIT_FIX);
			}
			if (working) {
				actions.add(Action.REQUEST_EXTENSION);
				actions.add(Action.REQUEST_SUSPENSION);
			}
		}
		return actions;
	}
}
