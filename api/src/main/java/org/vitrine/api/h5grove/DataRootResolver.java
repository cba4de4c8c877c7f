package org.vitrine.api.h5grove;

import org.vitrine.core.content.SafePaths;

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
        // A '%' left after the query was decoded once is an encoding meant to slip past the guard.
        if (name == null || name.indexOf('%') >= 0) {
            throw FileResolver.notFound(name);
        }
        try {
            return SafePaths.fileUnder(root, name);
        } catch (SafePaths.Refused e) {
            throw FileResolver.notFound(name);
        }
    }
}
