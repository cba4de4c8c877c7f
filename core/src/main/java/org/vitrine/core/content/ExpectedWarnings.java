package org.vitrine.core.content;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The warnings a curator knows of and accepts for a dataset, named in its front matter's
 * {@code expected_warnings}: each a part of a warning's message ({@code has no /cxi_version}).
 * A warning that matches one is kept, marked {@link ContentProblem.Severity#EXPECTED expected},
 * so the commands do not show it as a problem on every run. One that no longer matches anything
 * is itself warned of, so that an accepted warning cannot hide a later one for ever. Errors are
 * never hidden.
 */
final class ExpectedWarnings {

    static final String FIELD = "expected_warnings";

    private ExpectedWarnings() {
    }

    /** The dataset's problems, those its front matter expects marked so, and what is wrong with the list itself. */
    static List<ContentProblem> mark(FrontMatter fm, List<ContentProblem> problems) {
        String pointer = "/" + FIELD;
        JsonNode list = fm.data().at(pointer);
        if (list.isMissingNode() || list.isNull()) {
            return problems;
        }
        List<ContentProblem> out = new ArrayList<>(problems.size() + 1);
        if (!list.isArray() || !allText(list)) {
            out.addAll(problems);
            out.add(new ContentProblem(fm.file(), fm.lineOf(pointer), ContentProblem.Severity.ERROR,
                    FIELD + " must be a list of parts of warnings' messages, such as [has no /cxi_version]"));
            return out;
        }
        List<String> texts = new ArrayList<>();
        list.forEach(text -> texts.add(text.asText().strip()));
        boolean[] matched = new boolean[texts.size()];
        for (ContentProblem p : problems) {
            int match = -1;
            for (int i = 0; i < texts.size() && match < 0 && p.severity() == ContentProblem.Severity.WARNING; i++) {
                if (p.message().contains(texts.get(i))) {
                    match = i;
                }
            }
            if (match < 0) {
                out.add(p);
            } else {
                matched[match] = true;
                out.add(new ContentProblem(p.file(), p.line(), ContentProblem.Severity.EXPECTED, p.message()));
            }
        }
        for (int i = 0; i < texts.size(); i++) {
            if (!matched[i]) {
                out.add(new ContentProblem(fm.file(), fm.lineOf(pointer + "/" + i), ContentProblem.Severity.WARNING,
                        "expected warning '" + texts.get(i) + "' no longer occurs: remove it from " + FIELD));
            }
        }
        return out;
    }

    private static boolean allText(JsonNode list) {
        for (JsonNode text : list) {
            if (!text.isTextual() || text.asText().isBlank()) {
                return false;
            }
        }
        return true;
    }
}
