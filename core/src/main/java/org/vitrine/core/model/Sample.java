package org.vitrine.core.model;

/** What was measured. */
public record Sample(String name, String description) {
}
