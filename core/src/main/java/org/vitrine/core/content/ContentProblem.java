package org.vitrine.core.content;

import java.nio.file.Path;

/**
 * One problem found in the content, reported as {@code file:line: message} so editors and CI
 * logs link straight to it. Errors stop a build; warnings do not.
 */
public record ContentProblem(Path file, int line, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code content/datasets/x.md:12: message}, with "warning: " before the message of a warning. */
    public String format(Path relativeTo) {
        Path shown = file;
        if (relativeTo != null && file.isAbsolute()) {
            Path base = relativeTo.toAbsolutePath().normalize();
            Path abs = file.normalize();
            shown = abs.startsWith(base) ? base.relativize(abs) : abs;
        }
        return shown + ":" + Math.max(line, 1) + ": " + (isError() ? "" : "warning: ") + message;
    }

    @Override
    public String toString() {
        return format(null);
    }
}
