package org.wenming.servicedesk.menu;

/** One refused input of a menu item: the field and the message key of the rule it broke. */
public record MenuProblem(String field, String messageKey) {
}
