package dev.consentvault.core.consent;

/**
 * One reason a request was refused, named by its JSON path ("subject.email"). Never echoes the
 * value.
 */
public record FieldError(String field, String message) {}
