package org.vitrine.core.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontMatterTest {

    private static final Path FILE = Path.of("x.md");

    @Test
    void valuesRememberTheirFileLines() throws FrontMatter.Invalid {
        FrontMatter fm = FrontMatter.parse(FILE, """
                ---
                id: x
                authors:
                  - name: A
                    orcid: 0000-0002-1825-0097
                  - name: B
                files:
                  - path: a.h5
                ---
                Body line one.
                """);
        assertEquals(2, fm.lineOf("/id"));
        assertEquals(5, fm.lineOf("/authors/0/orcid"));
        assertEquals(6, fm.lineOf("/authors/1/name"));
        assertEquals(8, fm.lineOf("/files/0/path"));
        assertEquals(8, fm.lineOf("/files/0/dataset"), "an unwritten key points at its parent");
        assertEquals(10, fm.bodyLine());
        assertEquals("Body line one.\n", fm.body());
    }

    @Test
    void errorsCarryTheirLine() {
        FrontMatter.Invalid dup = assertThrows(FrontMatter.Invalid.class,
                () -> FrontMatter.parse(FILE, "---\nid: a\ntitle: t\nid: b\n---\n"));
        assertEquals(4, dup.line());
        FrontMatter.Invalid open = assertThrows(FrontMatter.Invalid.class, () -> FrontMatter.parse(FILE, "---\nid: a\n"));
        assertEquals(1, open.line());
        FrontMatter.Invalid yaml = assertThrows(FrontMatter.Invalid.class,
                () -> FrontMatter.parse(FILE, "---\nid: a\ntitle: \"unclosed\nx: 1\n---\n"));
        assertEquals(true, yaml.line() >= 3, "line " + yaml.line());
    }

    @Test
    void malformedYamlIsExplainedAtTheLineOfTheProblem() {
        FrontMatter.Invalid tab = assertThrows(FrontMatter.Invalid.class, () -> FrontMatter.parse(FILE, "---\nid: a\n\ttitle: t\n---\n"));
        assertEquals(3, tab.line());
        assertTrue(tab.getMessage().contains("found character '\\t(TAB)' that cannot start any token"), tab.getMessage());
        FrontMatter.Invalid list = assertThrows(FrontMatter.Invalid.class,
                () -> FrontMatter.parse(FILE, "---\nid: a\ntitle: [open\nkeywords: x\n---\n"));
        assertEquals(4, list.line());
        assertTrue(list.getMessage().contains("expected ',' or ']'") && list.getMessage().contains("flow sequence from line 3"),
                list.getMessage());
    }

    @Test
    void aliasesAreRefusedRatherThanReadAsTheirAnchorsName() {
        // The YAML parser gives "*team" as the text "team", which would pass for a title.
        FrontMatter.Invalid alias = assertThrows(FrontMatter.Invalid.class,
                () -> FrontMatter.parse(FILE, "---\nid: a\nx: &team [Ada]\ntitle: *team\n---\n"));
        assertEquals(4, alias.line());
        assertTrue(alias.getMessage().contains("*team"), alias.getMessage());
    }

    @Test
    void windowsLineEndingsAndByteOrderMarkAreAccepted() throws FrontMatter.Invalid {
        FrontMatter fm = FrontMatter.parse(FILE, "\uFEFF---\r\nid: x\r\n---\r\nBody\r\n");
        assertEquals("x", fm.data().get("id").asText());
        assertEquals(2, fm.lineOf("/id"));
        assertEquals("Body\n", fm.body());
    }

    @Test
    void theBodyIsEverythingAfterTheClosingFence() throws FrontMatter.Invalid {
        FrontMatter fm = FrontMatter.parse(FILE, "---\nid: x\ntitle: t\n...\n\nFirst line\n  indented\n---\nlast");
        assertEquals("\nFirst line\n  indented\n---\nlast", fm.body());
        assertEquals(5, fm.bodyLine());
        assertEquals(3, fm.lineOf("/title"));

        FrontMatter empty = FrontMatter.parse(FILE, "---\n---");
        assertEquals(0, empty.data().size());
        assertEquals("", empty.body());
        assertEquals(3, empty.bodyLine());
        assertEquals("", FrontMatter.parse(FILE, "---\nid: x\n--- \n").body());
        assertEquals(1, assertThrows(FrontMatter.Invalid.class, () -> FrontMatter.parse(FILE, "---")).line());
        assertEquals(1, assertThrows(FrontMatter.Invalid.class, () -> FrontMatter.parse(FILE, "id: x\n---\n")).line());
    }

    @Test
    void valuesAreTypedAsJacksonsYamlReaderTypesThem() throws Exception {
        String yaml = """
                plain: some text
                number: 42
                negative: -17
                underscores: 1_000
                hex: 0x1F
                octal: 017
                binary: 0b101
                zero: 0
                decimal: 1.5
                exponent: 1.5e3
                leadingDot: .5
                yes: yes
                no: No
                on: ON
                off: off
                true: True
                false: FALSE
                y: y
                tilde: ~
                null: null
                empty:
                date: 2017-06-18
                datetime: 2001-12-14t21:59:43.10-05:00
                doi: 10.1234/abc.5
                orcid: 0000-0002-1825-0097
                range: 5-10
                signedExponent: +1.5E+3
                hexMinus: 0x1e-5
                version: 1.2.3
                energy: 7.70 keV
                quoted: "42"
                single: 'yes'
                emptyQuoted: ""
                str: !!str 42
                int: !!int "7"
                float: !!float "2"
                bool: !!bool "yes"
                custom: !thing 5
                list: [1, two, 3.0, yes, ~, "8"]
                nested: {a: 1, b: [x, -2.5e-3]}
                block:
                  - name: Ada
                    year: 1843
                """;
        JsonNode expected = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        assertEquals(expected.toString(), FrontMatter.yamlFile(FILE, yaml).data().toString());
    }

    @Test
    void whatNoNumberCanHoldStaysText() throws FrontMatter.Invalid {
        // Jackson's YAML reader refuses these (or has the JSON outputs write a bare Infinity).
        FrontMatter fm = FrontMatter.yamlFile(FILE, "huge: 123456789012345678901234567890\nsexagesimal: 1:30\n"
                + "inf: -.Inf\nnan: .NaN\ntagged: !!float Infinity\n");
        for (String key : new String[] {"huge", "sexagesimal", "inf", "nan", "tagged"}) {
            assertTrue(fm.data().get(key).isTextual(), key + " is " + fm.data().get(key));
        }
        assertEquals("1:30", fm.data().get("sexagesimal").textValue());
    }

    @Test
    void oneDocumentOnly() {
        FrontMatter.Invalid second = assertThrows(FrontMatter.Invalid.class, () -> FrontMatter.yamlFile(FILE, "title: a\n---\ntitle: b\n"));
        assertEquals(2, second.line());
        FrontMatter.Invalid complexKey = assertThrows(FrontMatter.Invalid.class, () -> FrontMatter.yamlFile(FILE, "title: a\n? [x, y]\n: z\n"));
        assertEquals(2, complexKey.line());
    }
}
