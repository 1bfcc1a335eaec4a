package org.wenming.casework.statistics;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.wenming.platform.TableDocuments;
import org.wenming.platform.TableDocuments.Table;

/**
 * Statistics tables and red/black lists as downloads (XLSX and PDF, written by
 * {@link TableDocuments}), with the definitions in the reader's language.
 */
@Component
class Documents {

	private final MessageSource messages;

	Documents(MessageSource messages) {
		this.messages = messages;
	}

	String t(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}

	byte[] xlsx(List<Table> tables, List<String> notes, Locale locale) {
		return TableDocuments.xlsx(tables, notes, t("casework.statistics.definitions", locale));
	}

	byte[] pdf(String title, String subtitle, List<Table> tables, List<String> notes, Locale locale) {
		return TableDocuments.pdf(title, subtitle, tables, notes, t("casework.statistics.none", locale));
	}
}
