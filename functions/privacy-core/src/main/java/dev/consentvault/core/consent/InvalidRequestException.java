package dev.consentvault.core.consent;

import java.util.List;

/** The request can be fixed by its sender; answered with 400 and the list of field errors. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String detail) {
        this(detail, List.of());
    }

    public List<FieldError> errors() {
        return errors;
    }
}
