package org.wenming.honor.notice;

/** One refused input of a like, comment, objection or answer: the field and the message key of the rule it broke. */
public record NoticeProblem(String field, String messageKey) {
}
