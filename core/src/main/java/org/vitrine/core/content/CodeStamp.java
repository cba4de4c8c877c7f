package org.vitrine.core.content;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

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
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.size(location) + ":" + Files.getLastModifiedTime(location).toMillis();
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
