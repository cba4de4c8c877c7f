package org.vitrine.core.testing;

import java.nio.file.Path;

/**
 * The HDF5 fixture files committed in the repository ({@code core/src/test/fixtures/hdf5/},
 * written by {@code make_fixtures.py} beside them, which says what each one stands for) and the
 * reference h5grove 4.0's answers over them ({@code h5grove-answers/}).
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The folder of the fixture scripts. */
    public static Path root() {
        return Path.of(System.getProperty("vitrine.projectRoot", ".")).resolve("core/src/test/fixtures").toAbsolutePath().normalize();
    }

    /** The folder of the HDF5 fixture files. */
    public static Path hdf5() {
        return root().resolve("hdf5");
    }

    /** One fixture file. */
    public static Path file(String name) {
        return hdf5().resolve(name);
    }

    /** The reference h5grove's recorded answers: {@code index.tsv} and one file per answer. */
    public static Path h5groveAnswers() {
        return root().resolve("h5grove-answers");
    }
}
