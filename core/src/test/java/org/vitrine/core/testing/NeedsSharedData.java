package org.vitrine.core.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Marks tests that read the real HDF5 files of the read-only {@code shared/} folder beside the
 * checkout. Where that folder is absent (a fork's CI, a fresh clone elsewhere) they are skipped,
 * unless {@code VITRINE_REQUIRE_SHARED_DATA} is set, as the project's CI does: then they run and
 * fail, so a missing folder can never pass for a green build.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsSharedData.Condition.class)
public @interface NeedsSharedData {

    /** Skips when the folder is missing and not required. */
    final class Condition implements ExecutionCondition {

        /** The shared data folder: {@code ../shared/data} from the checkout root. */
        public static Path folder() {
            return Path.of(System.getProperty("vitrine.projectRoot", ".")).resolve("../shared/data").toAbsolutePath().normalize();
        }
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Path folder = folder();
            if (Files.isDirectory(folder) || System.getenv("VITRINE_REQUIRE_SHARED_DATA") != null) {
                return ConditionEvaluationResult.enabled("shared data at " + folder);
            }
            return ConditionEvaluationResult.disabled("shared test data not found at " + folder);
        }
    }
}
