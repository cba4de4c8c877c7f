package org.vitrine.generator.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command shares: where the content and Vitrine's own templates are. */
final class ContentOptions {

    @Option(names = "--content", paramLabel = "DIR", defaultValue = "content",
            description = "Content folder with site.yaml, datasets/ and pages/ (default: ${DEFAULT-VALUE}).")
    Path content;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "FreeMarker templates (default: templates/ of the Vitrine installation).")
    Path templates;

    @Option(names = "--assets", paramLabel = "DIR",
            description = "Static assets copied to assets/ (default: site-assets/ of the Vitrine installation).")
    Path assets;

    /** The installation folder: set by the launcher, else the working directory. */
    static Path home() {
        String home = System.getProperty("vitrine.home");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }

    Path templates() {
        return templates != null ? templates : home().resolve("templates");
    }

    Path assets() {
        return assets != null ? assets : home().resolve("site-assets");
    }
}
