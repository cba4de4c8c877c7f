package org.vitrine.core.content;

import java.nio.file.Path;

/**
 * One problem found in the content, reported as {@code file:line: message} so editors and CI
 * logs link straight to it. Errors stop a build; warnings do not; expected warnings are those the
 * dataset's front matter accepts ({@code expected_warnings}), which the commands do not show.
 */
public record ContentProblem(Path file, int line, Severity severity, String message) {

    public enum Severity { ERROR, WARNING, EXPECTED }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** True for a warning the curator expects (and the commands do not show). */
    public boolean isExpected() {
        return severity == Severity.EXPECTED;
    }

    /** {@code content/datasets/x.md:12: message}, with "warning: " (or "expected warning: ") before the message of a warning. */
    public String format(Path relativeTo) {
        Path shown = file;
        if (relativeTo != null && file.isAbsolute()) {
            Path base = relativeTo.toAbsolutePath().normalize();
            Path abs = file.normalize();
            shown = abs.startsWith(base) ? base.relativize(abs) : abs;
        }
        String kind = switch (severity) {
            case ERROR -> "";
            case WARNING -> "warning: ";
            case EXPECTED -> "expected warning: ";
        };
        return shown + ":" + Math.max(line, 1) + ": " + kind + message;
    }

    @Override
    public String toString() {
        return format(null);
    }
}
