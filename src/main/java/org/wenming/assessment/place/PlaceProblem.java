package org.wenming.assessment.place;

/**
 * One refused value: the field it is in and the message key of the rule it breaks
 * ({@code assessment.place.error.*}).
 */
public record PlaceProblem(String field, String messageKey) {
}
