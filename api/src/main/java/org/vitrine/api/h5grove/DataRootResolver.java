package org.vitrine.api.h5grove;

import java.nio.file.Path;

/**
 * Serves every file under a folder by its relative path, as h5grove does ({@code serve
 * --h5grove-root DIR}, for development): {@code file=cdtools/scan.cxi} is {@code DIR/cdtools/scan.cxi}.
 * Names that leave the folder, by {@code ..}, absolute paths, encoded separators or symbolic
 * links, are refused as missing.
 */
public final class DataRootResolver implements FileResolver {

    private final Path root;

    public DataRootResolver(Path root) {
        this.root = root;
    }

    @Override
    public Path resolve(String name) {
        return SafePaths.under(root, name, name);
    }
}
