package org.vitrine.core.content;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems found while loading content, in file and line order. */
public final class Problems {

    private final List<ContentProblem> list = new ArrayList<>();

    public synchronized void error(Path file, int line, String message) {
        list.add(new ContentProblem(file, line, ContentProblem.Severity.ERROR, message));
    }

    public synchronized void warning(Path file, int line, String message) {
        list.add(new ContentProblem(file, line, ContentProblem.Severity.WARNING, message));
    }

    public synchronized void add(Path file, int line, ContentProblem.Severity severity, String message) {
        list.add(new ContentProblem(file, line, severity, message));
    }

    public synchronized void addAll(List<ContentProblem> problems) {
        list.addAll(problems);
    }

    public synchronized boolean hasErrors() {
        return list.stream().anyMatch(ContentProblem::isError);
    }

    /** All problems, sorted by file then line. */
    public synchronized List<ContentProblem> all() {
        return list.stream()
                .sorted(Comparator.comparing((ContentProblem p) -> p.file().toString()).thenComparingInt(ContentProblem::line))
                .toList();
    }
}
