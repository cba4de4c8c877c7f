package org.vitrine.core.model;

/** Publication status written by the curator. */
public enum Status {
    PUBLISHED,
    DRAFT
}
