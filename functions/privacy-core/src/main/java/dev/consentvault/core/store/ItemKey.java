package dev.consentvault.core.store;

/** The primary key of one item. */
public record ItemKey(String pk, String sk) {}
