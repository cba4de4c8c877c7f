package org.vitrine.generator;

import org.vitrine.generator.cli.Vitrine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the checkout and shared test data, and a way to run the CLI in-process. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("vitrine.projectRoot")).toAbsolutePath().normalize();
    }

    public static Path demoContent() {
        return projectRoot().resolve("content");
    }

    /** What a CLI run printed and returned. */
    public record Run(int exit, String out, String err) {
    }

    public static Run vitrine(String... args) {
        System.setProperty("vitrine.home", projectRoot().toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Vitrine.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A content folder with a site.yaml and an empty data root. */
    public static Path newContent(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("datasets"));
        Files.createDirectories(dir.resolve("pages"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("site.yaml"), """
                title: Test Atlas
                description: A collection for tests.
                base_url: https://example.org/atlas/
                facility: Test Facility
                license: CC-BY-4.0
                """, StandardCharsets.UTF_8);
        return dir;
    }

    /** Writes {@code content/datasets/<name>.md}. */
    public static Path dataset(Path content, String name, String text) throws IOException {
        Path f = content.resolve("datasets").resolve(name + ".md");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /** Front matter of a valid dataset; {@code extra} lines are appended inside the YAML. */
    public static String validDataset(String id, String extra) {
        return """
                ---
                id: %s
                title: Test dataset %s
                authors:
                  - name: Ada Lovelace
                    orcid: 0000-0002-1825-0097
                released: 2024-05-01
                technique: PaNET01212
                %s
                ---
                A description of %s.
                """.formatted(id, id, extra, id);
    }
}
