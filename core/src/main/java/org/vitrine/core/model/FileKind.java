package org.vitrine.core.model;

/** How a file's preview dataset is to be looked at. */
public enum FileKind {
    /** A stack of detector frames: (frames, y, x), or a single 2D frame. */
    DIFFRACTION,
    /** A 3D volume (z, y, x), as from tomography. */
    VOLUME,
    /** A 2D image (y, x), possibly with a trailing colour axis. */
    IMAGE,
    /** Not previewed (metadata-only entries, auxiliary files). */
    NONE
}
