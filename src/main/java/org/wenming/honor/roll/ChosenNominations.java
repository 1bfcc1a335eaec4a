package org.wenming.honor.roll;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.wenming.region.FieldProblem;

/** The nominations the city office chose for a notice period or a publication: at least one, at most a limit. */
final class ChosenNominations {

	private ChosenNominations() {
	}

	/**
	 * The chosen ids, each once in the order given; none, or more than {@code max}, adds the problem on
	 * {@code nominationIds}.
	 */
	static Set<Long> of(List<Long> nominationIds, int max, List<FieldProblem> problems) {
		Set<Long> ids = nominationIds == null ? Set.of() : new LinkedHashSet<>(nominationIds);
		if (ids.isEmpty()) {
			problems.add(new FieldProblem("nominationIds", "honor.roll.error.noNominations"));
		}
		else if (ids.size() > max) {
			problems.add(new FieldProblem("nominationIds", "honor.roll.error.tooMany"));
		}
		return ids;
	}
}
