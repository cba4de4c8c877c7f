package org.vitrine.core.hdf5;

import java.util.List;

/**
 * An object of an HDF5 file as h5grove describes it: a group, a dataset, a committed datatype,
 * or a soft or external link left unresolved.
 */
public sealed interface Hdf5Entity {

    /** The last segment of the path ({@code ""} for the root). */
    String name();

    /** The path the entity was asked for. */
    String path();

    /** An attribute's description: name, shape ({@code null} for an empty attribute) and type. */
    record Attribute(String name, long[] shape, TypeDescriptor type) {
    }

    /** One filter of a dataset's pipeline, named as the HDF5 library names it. */
    record Filter(int id, String name) {
    }

    /** A group, with the names of its links in the order h5py lists them. */
    record Group(String name, String path, List<Attribute> attributes, List<String> children) implements Hdf5Entity {
    }

    /**
     * A dataset.
     *
     * @param shape   dimensions; empty for a scalar; null for an empty (null dataspace) dataset
     * @param chunks  chunk shape, or null when the dataset is not chunked
     * @param filters filter pipeline, or null when it has none
     */
    record Dataset(String name, String path, List<Attribute> attributes, long[] shape, TypeDescriptor type,
                   int[] chunks, List<Filter> filters) implements Hdf5Entity {
    }

    /** A committed (named) datatype. */
    record Datatype(String name, String path, List<Attribute> attributes, TypeDescriptor type) implements Hdf5Entity {
    }

    /** A soft link not resolved (by choice, or because its target is missing). */
    record SoftLink(String name, String path, String targetPath) implements Hdf5Entity {
    }

    /** An external link not resolved. */
    record ExternalLink(String name, String path, String targetFile, String targetPath) implements Hdf5Entity {
    }
}
