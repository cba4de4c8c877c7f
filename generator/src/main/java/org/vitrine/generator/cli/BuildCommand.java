package org.vitrine.generator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vitrine build}: checks, then bakes the static site. */
@Command(name = "build", description = "Check the content, then bake the static site.")
final class BuildCommand implements Callable<Integer> {

    @Mixin
    ContentOptions options;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/site",
            description = "Output folder (default: ${DEFAULT-VALUE}). Files the build does not produce are removed from it.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Pipeline.build(options, out, spec.commandLine().getOut(), spec.commandLine().getErr()) == null ? 1 : 0;
    }
}
