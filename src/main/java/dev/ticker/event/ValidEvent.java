package dev.ticker.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The rules that span several fields of an event, each reported on the field to change:
 * {@code endDate} not before {@code startDate}; {@code endTime} only with a {@code startTime},
 * and on a one-day event not before it; {@code timeZone} an IANA zone id.
 */
@Documented
@Constraint(validatedBy = ValidEvent.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ValidEvent {

    String message() default "is not a consistent event";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ValidEvent, EventRequest> {

        /** The IANA ids the JDK knows (region ids such as Europe/Berlin, and UTC); no offsets like +01:00. */
        private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

        @Override
        public boolean isValid(EventRequest event, ConstraintValidatorContext context) {
            if (event == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (event.startDate() != null && event.endDate() != null && event.endDate().isBefore(event.startDate())) {
                valid = report(context, "endDate", "must not be before startDate");
            }
            if (event.endTime() != null && event.startTime() == null) {
                valid = report(context, "endTime", "needs a startTime (an event without times is all-day)");
            } else if (event.endTime() != null && event.startDate() != null && isOneDay(event)
                    && event.endTime().isBefore(event.startTime())) {
                valid = report(context, "endTime", "must not be before startTime on a one-day event");
            }
            if (event.timeZone() != null && !ZONES.contains(event.timeZone())) {
                valid = report(context, "timeZone", "must be an IANA time zone such as Europe/Berlin");
            }
            return valid;
        }

        private static boolean isOneDay(EventRequest event) {
            return event.endDate() == null || event.endDate().equals(event.startDate());
        }

        private static boolean report(ConstraintValidatorContext context, String field, String message) {
            // a message is a template: keep braces and dollar signs out of it
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
