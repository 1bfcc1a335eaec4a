package org.wenming.servicedesk.order;

/** One refused input of an order: the field and the message key of the rule it broke. */
public record OrderProblem(String field, String messageKey) {
}
