package org.vitrine.api.h5grove;

import org.vitrine.api.ApiException;

import java.nio.file.Path;

/**
 * Turns h5grove's {@code file} parameter, a logical name, into a local file the server may
 * serve, through the build's own traversal guard ({@link org.vitrine.core.content.SafePaths}).
 * Names that do not lead to such a file, for whatever reason (missing, not public, outside the
 * data root), all fail the same way, so a client cannot tell them apart.
 */
public interface FileResolver {

    /**
     * @param name the {@code file} parameter as the client sent it (already URL-decoded once)
     * @return the real path of a regular file inside the served root
     * @throws org.vitrine.api.ApiException 404 {@code File not found: <name>}
     */
    Path resolve(String name);

    /** The answer every refused or missing name gets, containing h5grove's phrase. */
    static ApiException notFound(String name) {
        return ApiException.notFound("File not found: " + name);
    }
}
