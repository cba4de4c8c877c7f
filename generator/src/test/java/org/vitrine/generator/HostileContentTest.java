package org.vitrine.generator;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Content that would make a build publish script, bytes from outside the data root, one file's
 * facts beside another's bytes, or fail without a reason: {@code check} refuses each at its line,
 * and {@code build} says the same and publishes nothing.
 */
class HostileContentTest {

    @TempDir
    Path tmp;

    /** Runs check and build on {@code content}; both must fail with {@code expected} among their lines. */
    private Fixtures.Run refusedByCheckAndBuild(Path content, String expected) {
        Fixtures.Run check = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(1, check.exit(), check.out() + check.err());
        assertTrue(check.err().lines().anyMatch(l -> l.contains(expected)), "check said:\n" + check.err());
        Path site = tmp.resolve("site");
        Fixtures.Run build = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(1, build.exit(), build.out() + build.err());
        assertTrue(build.err().lines().anyMatch(l -> l.contains(expected)), "build said:\n" + build.err());
        assertFalse(build.err().contains("Exception") || build.err().contains("Cannot write"), build.err());
        assertFalse(Files.exists(site.resolve("index.html")), "nothing is published");
        return build;
    }

    private Path content() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", ""));
        return content;
    }

    /** Sets {@code key} in site.yaml to {@code value} (written as it is), as its last line; returns that line's number. */
    private static long setSite(Path content, String key, String value) throws IOException {
        String site = Files.readString(content.resolve("site.yaml")).lines().filter(l -> !l.startsWith(key + ":"))
                .reduce("", (a, b) -> a + b + "\n") + key + ": " + value + "\n";
        Files.writeString(content.resolve("site.yaml"), site);
        return site.lines().count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(document.domain)", "JavaScript:alert('@')", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", "java\\tscript:alert(1)"})
    void aContactThatIsNoAddressIsRefusedAtItsLine(String contact) throws IOException {
        Path content = content();
        long line = setSite(content, "contact", "\"" + contact + "\"");
        refusedByCheckAndBuild(content, "site.yaml:" + line + ": contact '");
    }

    @Test
    void contactsThatAreAddressesBecomeTheFooterLink() throws IOException {
        Path content = content();
        setSite(content, "contact", "curator@example.org");
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("mailto:curator@example.org", Jsoup.parse(Files.readString(site.resolve("index.html")))
                .select("footer a:contains(Contact)").attr("href"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base_url: javascript:alert(1)//", "base_url: https://example.org/\"><script>alert(1)</script>/",
            "api_url: javascript:alert(1)//", "api_url: data:text/html,x", "api_url: /relative/"})
    void siteAddressesMustBeWebAddresses(String setting) throws IOException {
        Path content = content();
        String key = setting.substring(0, setting.indexOf(':'));
        long line = setSite(content, key, "'" + setting.substring(key.length() + 2) + "'");
        refusedByCheckAndBuild(content, "site.yaml:" + line + ": " + key + " '");
    }

    @Test
    void aFileUrlMustBeAWebAddress() throws IOException {
        Path content = content();
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", """
                files:
                  - url: javascript:alert(1)//x.h5
                """));
        refusedByCheckAndBuild(content, "two.md:10: url 'javascript:alert(1)//x.h5' must be an absolute http:// or https:// address");
    }

    @Test
    void aLinkOutOfTheDataRootIsNeverPublished() throws IOException {
        Path content = content();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.copy(Fixtures.demoContent().resolve("data/cxidb/minimal.cxi"), outside.resolve("secret.cxi"));
        Files.createSymbolicLink(content.resolve("data/secret.cxi"), outside.resolve("secret.cxi"));
        // A link that stays inside the data root is an ordinary file.
        Files.copy(Fixtures.demoContent().resolve("data/cxidb/minimal.cxi"), content.resolve("data/minimal.cxi"));
        Files.createSymbolicLink(content.resolve("data/latest.cxi"), Path.of("minimal.cxi"));
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", """
                files:
                  - path: latest.cxi
                  - path: secret.cxi
                """));
        refusedByCheckAndBuild(content, "two.md:11: file 'secret.cxi' is a symbolic link to a file outside the data root");

        Fixtures.dataset(content, "two", Fixtures.validDataset("two", """
                files:
                  - path: latest.cxi
                """));
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.isRegularFile(site.resolve("datasets/two/files/latest.cxi")));
    }

    @Test
    void twoFilesWithOneNameAreRefusedUntilOneIsNamed() throws IOException {
        Path content = content();
        Files.createDirectories(content.resolve("data/run1"));
        Files.createDirectories(content.resolve("data/run2"));
        Files.copy(Fixtures.demoContent().resolve("data/cxidb/minimal.cxi"), content.resolve("data/run1/scan.cxi"));
        Files.copy(Fixtures.demoContent().resolve("data/cxidb/typical_raw.cxi"), content.resolve("data/run2/scan.cxi"));
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", """
                files:
                  - path: run1/scan.cxi
                  - path: run2/scan.cxi
                """));
        refusedByCheckAndBuild(content, "two.md:11: two files would be published as 'scan.cxi' (also line 10)");

        Fixtures.dataset(content, "two", Fixtures.validDataset("two", """
                files:
                  - path: run1/scan.cxi
                  - path: run2/scan.cxi
                    name: scan-run2.cxi
                """));
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(Files.size(content.resolve("data/run2/scan.cxi")), Files.size(site.resolve("datasets/two/files/scan-run2.cxi")));
        assertEquals(Files.size(content.resolve("data/run1/scan.cxi")), Files.size(site.resolve("datasets/two/files/scan.cxi")));
    }

    @Test
    void fileNamesThatCannotBePublishedAreRefusedWithTheWayOut() throws IOException {
        Path content = content();
        Files.copy(Fixtures.demoContent().resolve("data/cxidb/minimal.cxi"), content.resolve("data/scan#1.cxi"));
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", """
                files:
                  - path: scan#1.cxi
                """));
        refusedByCheckAndBuild(content, "two.md:10: file 'scan#1.cxi' cannot be published under that name: a published file name"
                + " cannot hold '#'");
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", """
                files:
                  - path: scan#1.cxi
                    name: scan-1.cxi
                """));
        assertEquals(0, Fixtures.vitrine("check", "--content", content.toString()).exit());
    }

    @Test
    void aKeywordOrFacilityTooLongToNameAPageIsRefusedAtItsLine() throws IOException {
        Path content = content();
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "keywords: [short, " + "k".repeat(300) + "]"));
        refusedByCheckAndBuild(content, "two.md:9: keyword 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…' is 300 characters long");

        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "facility: " + "F".repeat(101)));
        refusedByCheckAndBuild(content, "two.md:9: facility 'FFFF");

        Fixtures.dataset(content, "two", Fixtures.validDataset("two", ""));
        long line = setSite(content, "facility", "F".repeat(101));
        refusedByCheckAndBuild(content, "site.yaml:" + line + ": facility 'FFFF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"datasets", "Assets", "javascript:alert(1)%2F%2F", "two words"})
    void pagesCannotTakeAddressesTheSiteUsesOrThatAreNoPlainName(String slug) throws IOException {
        Path content = content();
        Files.writeString(content.resolve("pages").resolve(slug + ".md"), "---\ntitle: A page\n---\nText.\n");
        refusedByCheckAndBuild(content, slug + ".md:1: a page");
    }

    @Test
    void aHugeMarkdownFileIsRefusedAtOnceByCheckAndBuild() throws IOException {
        Path content = content();
        String body = "A long description. ".repeat(2_500_000 / 20);
        Fixtures.dataset(content, "huge", Fixtures.validDataset("huge", "") + body);
        Fixtures.Run run = refusedByCheckAndBuild(content, "huge.md:1: this file has 2500.");
        assertTrue(run.err().contains("a dataset's or page's markdown may have at most 64 kB"), run.err());
        Files.writeString(content.resolve("pages/huge.md"), "---\ntitle: Huge\n---\n" + body);
        refusedByCheckAndBuild(content, "pages/huge.md:1: this file has");
    }

    @Test
    void markdownNestedTooDeeplyIsRefusedAtItsLine() throws IOException {
        Path content = content();
        String text = Fixtures.validDataset("deep", "") + "\nFine.\n\n" + "> ".repeat(40) + "1. ".repeat(40) + "text\n";
        Fixtures.dataset(content, "deep", text);
        refusedByCheckAndBuild(content, "deep.md:" + text.lines().count() + ": this line opens 80 quotes and lists in one another");
    }
}
