package org.vitrine.core.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one traversal guard, for the build and the API alike: a file under a root (the data root,
 * or the folder {@code serve --h5grove-root} serves) is read, checked, copied into the site or
 * served only when its relative name stays under the root, textually and once symbolic links are
 * followed. A link inside the data root that leads outside it is refused everywhere, so the bytes
 * it leads to are never published.
 */
public final class SafePaths {

    private SafePaths() {
    }

    /** A relative name that does not lead to a regular file under the root; the message says why, for curators. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Why {@code relative} is no relative path under a root ('/'-separated names, none empty,
     * '.' or '..', without '\' or NUL), or null when it is one.
     */
    public static String relativeProblem(String relative) {
        boolean bad = relative == null || relative.isBlank() || relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0
                || relative.startsWith("/");
        if (!bad) {
            for (String segment : relative.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    bad = true;
                    break;
                }
            }
        }
        return bad ? "must be relative to the data root: names separated by single '/', without '.', '..' or '\\'" : null;
    }

    /**
     * The real path of the regular file {@code relative} names under {@code root}.
     *
     * @param root     the folder (itself possibly reached through a symbolic link)
     * @param relative a relative path with {@code /} separators
     * @throws Refused when the name leaves the root, the file is missing or not a regular file,
     *                 or a symbolic link leads it outside the root
     */
    public static Path fileUnder(Path root, String relative) throws Refused {
        String problem = relativeProblem(relative);
        if (problem != null) {
            throw new Refused(problem);
        }
        try {
            Path realRoot = root.toRealPath();
            Path candidate = realRoot.resolve(relative).normalize();
            if (!candidate.startsWith(realRoot) || !Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused("does not exist under the data root");
            }
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (NoSuchFileException e) {
                throw new Refused("is a symbolic link to nothing");
            }
            if (!real.startsWith(realRoot)) {
                throw new Refused("is a symbolic link to a file outside the data root, which is never published");
            }
            if (!Files.isRegularFile(real)) {
                throw new Refused("is not a file");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new Refused("does not exist under the data root");
        } catch (IOException | InvalidPathException e) {
            throw new Refused("cannot be read: " + e.getMessage());
        }
    }
}
