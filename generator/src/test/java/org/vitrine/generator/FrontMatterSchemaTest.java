package org.vitrine.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON Schema editors use agrees with the content Vitrine accepts and refuses. */
class FrontMatterSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(Fixtures.projectRoot().resolve("schema/dataset.schema.json").toUri());

    @Test
    void everyDemoDatasetValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Fixtures.demoContent().resolve("datasets"))) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        assertTrue(files.size() >= 7);
        for (Path f : files) {
            Set<ValidationMessage> errors = schema.validate(frontMatter(Files.readString(f)));
            assertTrue(errors.isEmpty(), f.getFileName() + ": " + errors);
        }
    }

    @Test
    void mistakesThatCheckRefusesAreRefusedByTheSchemaToo() throws IOException {
        String valid = Fixtures.validDataset("ok", "");
        assertTrue(schema.validate(frontMatter(valid)).isEmpty());
        for (String[] change : List.of(
                new String[]{"id: ok", "id: Not OK"},
                new String[]{"technique: PaNET01212", "technique: ptychography"},
                new String[]{"released: 2024-05-01", "released: May 2024"},
                new String[]{"orcid: 0000-0002-1825-0097", "orcid: 1234"},
                new String[]{"title: Test dataset ok", "colour: blue"},
                new String[]{"technique: PaNET01212", "technique: PaNET01212\nkeywords: [" + "k".repeat(101) + "]"},
                new String[]{"technique: PaNET01212", "technique: PaNET01212\nfiles:\n  - url: javascript:alert(1)//x.h5"},
                new String[]{"technique: PaNET01212", "technique: PaNET01212\nfiles:\n  - path: ../outside.h5"},
                new String[]{"technique: PaNET01212", "technique: PaNET01212\nfiles:\n  - path: a.h5\n    name: run1/a.h5"})) {
            JsonNode bad = frontMatter(valid.replace(change[0], change[1]));
            assertFalse(schema.validate(bad).isEmpty(), "schema accepts " + change[1]);
        }
    }

    private static JsonNode frontMatter(String markdown) throws IOException {
        String yaml = markdown.substring(4, markdown.indexOf("\n---", 4));
        return YAML.readTree(yaml);
    }
}
