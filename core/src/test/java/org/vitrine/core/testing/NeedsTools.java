package org.vitrine.core.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.File;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Marks tests that drive real outside programs: Debian's nginx or Python with h5py, or a client
 * from the npm registry installed under {@code test-clients/<name>/} (as {@code .ci/run} does).
 * Where one is missing they are skipped, saying which, unless {@code VITRINE_REQUIRE_TOOLS} is
 * set, as the project's CI does: then they run and fail, so a missing install step can never
 * pass for a green build.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsTools.Condition.class)
public @interface NeedsTools {

    /** Executables: absolute paths, or names looked up on {@code PATH}. */
    String[] value() default {};

    /** Python modules that {@link #PYTHON} must import ({@code h5py}, {@code numpy}). */
    String[] pythonModules() default {};

    /** Folders under {@code test-clients/} whose {@code node_modules} must be installed. */
    String[] clients() default {};

    /** Debian's Python, where {@code python3-h5py} and its friends are installed. */
    String PYTHON = "/usr/bin/python3";

    /** Skips when something is missing and tools are not required. */
    final class Condition implements ExecutionCondition {

        /** The folder of an npm client: {@code test-clients/<name>} from the checkout root. */
        public static Path client(String name) {
            return Path.of(System.getProperty("vitrine.projectRoot", ".")).resolve("test-clients").resolve(name)
                    .toAbsolutePath().normalize();
        }

        /** An executable's path, or null when it is not installed. */
        public static Path executable(String name) {
            if (name.contains("/")) {
                Path p = Path.of(name);
                return Files.isExecutable(p) ? p : null;
            }
            List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
            dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin"));
            for (String dir : dirs) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
            return null;
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            List<String> missing = new ArrayList<>();
            context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, NeedsTools.class)).ifPresent(needs -> {
                for (String tool : needs.value()) {
                    if (executable(tool) == null) {
                        missing.add(tool);
                    }
                }
                if (needs.pythonModules().length > 0 && !pythonImports(needs.pythonModules())) {
                    missing.add("python modules " + String.join(", ", needs.pythonModules()) + " for " + PYTHON);
                }
                for (String c : needs.clients()) {
                    if (!Files.isDirectory(client(c).resolve("node_modules"))) {
                        missing.add("test-clients/" + c + " (npm ci)");
                    }
                }
            });
            if (missing.isEmpty() || System.getenv("VITRINE_REQUIRE_TOOLS") != null) {
                return ConditionEvaluationResult.enabled(missing.isEmpty() ? "tools present" : "required: " + missing);
            }
            return ConditionEvaluationResult.disabled("not installed: " + String.join("; ", missing) + " (.ci/run installs them)");
        }

        private static boolean pythonImports(String[] modules) {
            if (!Files.isExecutable(Path.of(PYTHON))) {
                return false;
            }
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import " + String.join(", ", modules))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
