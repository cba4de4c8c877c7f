/**
 * HDF5 access for the whole project: the only package that talks to jHDF.
 *
 * <p>{@link org.vitrine.core.hdf5.Hdf5File} opens a file and answers what is in it (groups,
 * datasets, links, attributes, h5grove-style {@link org.vitrine.core.hdf5.TypeDescriptor}s);
 * {@link org.vitrine.core.hdf5.Hdf5Dataset} reads hyperslabs given as a NumPy-like
 * {@link org.vitrine.core.hdf5.Selection} or as offset/count/step. Reads go through the server's
 * own chunk path rather than jHDF's: positional reads of only the chunks a selection touches,
 * decoded in parallel (and only as far as the selection needs), kept in a bounded
 * {@link org.vitrine.core.hdf5.ChunkCache} that every request shares.
 * {@link org.vitrine.core.hdf5.Hdf5Files} keeps files open between requests and reopens them
 * when they change on disk. Every failure is an {@link org.vitrine.core.hdf5.Hdf5Exception}
 * whose kind says what went wrong and whose one-line message names the file and the path.
 */
package org.vitrine.core.hdf5;
