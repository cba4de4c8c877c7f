package org.vitrine.generator.cli;

import org.vitrine.core.content.CollectionLoader;
import org.vitrine.core.content.ContentProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code vitrine check}: validates content and files without writing anything. */
@Command(name = "check", description = "Check the content and its HDF5 files; print each problem as file:line: message.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ContentOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CollectionLoader.Result result = Pipeline.load(options.content);
        Pipeline.printProblems(result, spec.commandLine().getErr());
        if (result.hasErrors()) {
            return 1;
        }
        long expected = result.problems().stream().filter(ContentProblem::isExpected).count();
        spec.commandLine().getOut().printf("%d datasets (%d public), %d pages: no errors%s%n",
                result.collection().datasets().size(), result.collection().publicDatasets().size(),
                result.collection().pages().size(),
                expected == 0 ? "" : " (" + expected + " expected warning" + (expected == 1 ? "" : "s") + " not shown)");
        return 0;
    }
}
