package org.vitrine.core.model;

/** Where a value came from: written by the curator, or read from the HDF5 file. */
public enum Provenance {
    CURATED,
    FILE
}
