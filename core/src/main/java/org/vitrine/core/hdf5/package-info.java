/**
 * HDF5 access for the whole project: the only package that talks to jHDF.
 *
 * <p>{@link org.vitrine.core.hdf5.Hdf5File} opens a file and answers what is in it (groups,
 * datasets, links, attributes, h5grove-style {@link org.vitrine.core.hdf5.TypeDescriptor}s);
 * {@link org.vitrine.core.hdf5.Hdf5Dataset} reads hyperslabs given as a NumPy-like
 * {@link org.vitrine.core.hdf5.Selection} or as offset/count/step.
 *
 * <p>Underneath, a file's bytes come from a {@link org.vitrine.core.hdf5.ByteSource} (the local
 * file today). Object headers are walked here, their messages decoded one by one with jHDF's
 * public readers (B-trees, heaps, chunk indexes, filters, dataspaces, layouts); datatypes,
 * attributes and virtual datasets are read here, where jHDF reads them partly or not at all. So
 * an object that cannot be read fails only the questions about it. Reads go through the server's
 * own chunk path: positional reads of only the chunks a selection touches, decoded in parallel
 * (and only as far as the selection needs), kept in a bounded
 * {@link org.vitrine.core.hdf5.ChunkCache} that every request shares.
 * {@link org.vitrine.core.hdf5.Hdf5Files} keeps files open between requests and reopens them
 * when they change on disk. Every failure is an {@link org.vitrine.core.hdf5.Hdf5Exception}
 * whose kind says what went wrong and whose one-line message names the file and the path.
 */
package org.vitrine.core.hdf5;
