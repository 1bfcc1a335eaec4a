package org.wenming.honor.nomination;

/** One refused input of a nomination: the field and the message key of the rule it broke. */
public record NominationProblem(String field, String messageKey) {
}
