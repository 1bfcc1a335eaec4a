package org.wenming.region;

/** One refused input: the field and the message key of the rule it broke. */
public record FieldProblem(String field, String messageKey) {
}
