package io.contingo.incident.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.contingo.events.IncidentSnapshot;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The status of a public update: any but resolved, which has an action of its own. Reported on the status field. */
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotResolved.Check.class)
@interface NotResolved {

    String message() default "An update keeps the incident open: to resolve it, use Resolve (POST /api/incidents/\\{id\\}/resolve), "
            + "or let it resolve by itself when its services recover";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<NotResolved, IncidentSnapshot.Status> {
        @Override
        public boolean isValid(IncidentSnapshot.Status status, ConstraintValidatorContext context) {
            return status != IncidentSnapshot.Status.RESOLVED;
        }
    }
}
