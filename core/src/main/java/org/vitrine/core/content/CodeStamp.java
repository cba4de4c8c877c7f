package org.vitrine.core.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which build of Vitrine's code is running: the size and modification time of the jar (or
 * classes folder) a class came from. Whatever a build remembers for the next one (parsed
 * content, page keys, search entries) includes it, since new code may make different output
 * from the same content.
 */
public final class CodeStamp {

    private CodeStamp() {
    }

    /** The stamp of the code that holds {@code type}; "unknown" when it cannot be told. */
    public static String of(Class<?> type) {
        try {
            return of(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * The stamp of a jar, or of a classes folder (as tests and IDEs run): a compiler rewrites
     * class files in place, which leaves the folder's own time as it was, so a folder is stamped
     * by its files.
     */
    static String of(Path location) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(location, BasicFileAttributes.class);
            if (!attributes.isDirectory()) {
                return attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
            }
            try (Stream<Path> walk = Files.walk(location)) {
                List<BasicFileAttributes> files = walk.map(CodeStamp::attributes).filter(BasicFileAttributes::isRegularFile).toList();
                long bytes = files.stream().mapToLong(BasicFileAttributes::size).sum();
                long newest = files.stream().mapToLong(f -> f.lastModifiedTime().toMillis()).max().orElse(0);
                return files.size() + "/" + bytes + ":" + newest;
            }
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
