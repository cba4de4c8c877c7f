package org.vitrine.api.h5grove;

import org.vitrine.api.ApiException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The traversal guard both resolvers share: a relative name is resolved under a root and must
 * stay there, textually and after following symbolic links.
 */
final class SafePaths {

    private SafePaths() {
    }

    /** The message every refused or missing name gets, containing h5grove's phrase. */
    static ApiException notFound(String name) {
        return ApiException.notFound("File not found: " + name);
    }

    /**
     * @param root     the served folder (need not be real)
     * @param relative a relative path with {@code /} separators
     * @param name     what the client asked for, for the message
     */
    static Path under(Path root, String relative, String name) {
        if (relative == null || relative.isBlank() || relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0
                || relative.startsWith("/") || relative.indexOf('%') >= 0) {
            throw notFound(name);
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw notFound(name);
            }
        }
        try {
            Path realRoot = root.toRealPath();
            Path candidate = realRoot.resolve(relative).normalize();
            if (!candidate.startsWith(realRoot)) {
                throw notFound(name);
            }
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                throw notFound(name);
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real)) {
                throw notFound(name);
            }
            return real;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw notFound(name);
        }
    }
}
