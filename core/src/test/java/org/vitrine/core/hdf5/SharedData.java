package org.vitrine.core.hdf5;

import java.nio.file.Path;

/** The read-only folder of real HDF5 files next to the checkout. */
final class SharedData {

    private SharedData() {
    }

    static Path root() {
        return org.vitrine.core.testing.NeedsSharedData.Condition.folder();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static final String PETRA = "cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi";
}
