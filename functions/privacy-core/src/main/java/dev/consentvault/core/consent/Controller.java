package dev.consentvault.core.consent;

/**
 * The brand responsible for the processing, as the receipt names it (from the deployment's
 * settings).
 */
public record Controller(String name, String contact, String policyUrl) {}
