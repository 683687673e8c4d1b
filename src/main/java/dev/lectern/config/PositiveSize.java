package dev.lectern.config;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A {@link MemorySize} setting of at least one byte (Bean Validation has no constraint for it). */
@Documented
@Constraint(validatedBy = PositiveSize.Check.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PositiveSize {

    String message() default "must be at least 1 byte";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the size; an absent value is left to {@code @NotNull}. */
    class Check implements ConstraintValidator<PositiveSize, MemorySize> {
        @Override
        public boolean isValid(MemorySize size, ConstraintValidatorContext context) {
            return size == null || size.asLongValue() > 0;
        }
    }
}
