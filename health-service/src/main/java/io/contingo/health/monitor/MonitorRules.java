package io.contingo.health.monitor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A monitor has the fields its type needs and no others, and its conditions can be read: each mistake is
 * reported on the field it concerns, naming the monitor.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MonitorRulesValidator.class)
public @interface MonitorRules {

    String message() default "is not a valid monitor";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
