package org.vitrine.generator.cli;

import org.vitrine.generator.demo.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vitrine demo-data}: regenerates the synthetic files of the demo collection. */
@Command(name = "demo-data", description = "Write the demo collection's synthetic HDF5 files (phantom volume, test image).")
final class DemoDataCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "content/data/synthetic",
            description = "Folder to write into (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        SyntheticData.writePhantom(out.resolve("shepp-logan-phantom-128.h5"), 128, 2.5);
        SyntheticData.writeSiemensStar(out.resolve("siemens-star-512.nxs"), 512, 0.65, 17.5);
        System.out.println("Wrote " + out.resolve("shepp-logan-phantom-128.h5") + " and " + out.resolve("siemens-star-512.nxs"));
        return 0;
    }
}
