package org.wenming.account.internal;

import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.wenming.platform.ApiProblems;

/**
 * The account API's refusals in the platform's problem documents ({@link ApiProblems}), with messages
 * from the account bundle in the client's language.
 */
@Component
class ApiErrors {

	private final MessageSource messages;

	ApiErrors(MessageSource messages) {
		this.messages = messages;
	}

	ProblemDetail invalid(Map<String, String> fieldKeys) {
		return ApiProblems.invalid(ApiProblems.errors(List.copyOf(fieldKeys.entrySet()), Map.Entry::getKey,
				Map.Entry::getValue, messages, LocaleContextHolder.getLocale()));
	}

	ProblemDetail notFound() {
		return ApiProblems.problem(HttpStatus.NOT_FOUND, null);
	}
}
