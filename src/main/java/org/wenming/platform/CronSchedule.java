package org.wenming.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.scheduling.support.CronExpression;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A Spring cron expression (six fields) or {@code -} for never: a typo in a {@code *-cron} setting
 * stops the start naming the property, instead of failing later in the scheduler without its name.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CronSchedule.Validator.class)
public @interface CronSchedule {

	String message() default "must be a cron expression of six fields (second minute hour day month weekday) or -";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks the expression as Spring's scheduler will parse it. */
	class Validator implements ConstraintValidator<CronSchedule, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value != null && ("-".equals(value) || CronExpression.isValidExpression(value));
		}
	}
}
