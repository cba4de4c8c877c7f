/**
 * The h5grove 4.0 protocol, so the h5web viewer and other h5grove clients read the published
 * HDF5 files unchanged. {@link org.vitrine.api.h5grove.H5groveRoutes} mounts the endpoints;
 * a {@link org.vitrine.api.h5grove.FileResolver} decides which logical names lead to which files:
 * {@link org.vitrine.api.h5grove.CollectionResolver} for the public datasets of a collection,
 * {@link org.vitrine.api.h5grove.DataRootResolver} for every file under a folder (development).
 */
package org.vitrine.api.h5grove;
