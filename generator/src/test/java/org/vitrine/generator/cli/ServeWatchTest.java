package org.vitrine.generator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.generator.Fixtures;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code serve} bakes again when the content changes, and serves the new build: pages, files, search. */
class ServeWatchTest {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPortInUseIsReportedBeforeAnythingIsBaked() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", ""));
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Fixtures.Run run = Fixtures.vitrine("serve", "--content", content.toString(), "--out", tmp.resolve("site").toString(),
                    "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(3, run.exit(), run.err());
            assertTrue(run.err().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use"), run.err());
            assertTrue(Files.notExists(tmp.resolve("site")), "nothing was baked");
        }
    }

    @Test
    void editsAreServedWithoutARestartAndABrokenEditKeepsTheLastGoodBuild() throws Exception {
        System.setProperty("vitrine.home", Fixtures.projectRoot().toString());
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", ""));
        ContentOptions options = new ContentOptions();
        options.content = content;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (ServeCommand.Running server = ServeCommand.start(options, tmp.resolve("site"), "127.0.0.1", 0, null, true,
                new PrintWriter(out, true), new PrintWriter(err, true))) {
            assertNotNull(server, err.toString());
            String base = "http://127.0.0.1:" + server.port() + "/";
            assertTrue(get(base + "datasets/one/").body().contains("Test dataset one"));

            // A new dataset with a file: its page, its file through h5grove, and search find it.
            Files.copy(Fixtures.demoContent().resolve("data/synthetic/shepp-logan-phantom-128.h5"), content.resolve("data/phantom.h5"));
            Fixtures.dataset(content, "two", Fixtures.validDataset("two", """
                    keywords: [perovskite]
                    files:
                      - path: phantom.h5
                        dataset: /entry/data/data
                        kind: volume
                    """));
            await(base + "datasets/two/", r -> r.statusCode() == 200, out, err);
            await(base + "api/h5grove/meta/?file=two/phantom.h5&path=/entry/data/data", r -> r.statusCode() == 200, out, err);
            await(base + "api/search?q=perovskite", r -> r.body().contains("\"two\""), out, err);

            // Back to draft: gone from pages and files at the next bake.
            Fixtures.dataset(content, "two", Fixtures.validDataset("two", """
                    status: draft
                    files:
                      - path: phantom.h5
                        dataset: /entry/data/data
                        kind: volume
                    """));
            await(base + "datasets/two/", r -> r.statusCode() == 404, out, err);
            assertEquals(404, get(base + "api/h5grove/meta/?file=two/phantom.h5&path=/").statusCode());

            // An edit with an error publishes nothing and the last good build stays served.
            Fixtures.dataset(content, "one", Fixtures.validDataset("one", "license: NOT-A-LICENCE"));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!err.toString().contains("Still serving the last good build.")) {
                if (System.nanoTime() > deadline) {
                    fail("no failed rebuild reported; out: " + out + " err: " + err);
                }
                Thread.sleep(100);
            }
            assertTrue(err.toString().contains("one.md:"), err.toString());
            assertTrue(get(base + "datasets/one/").body().contains("Test dataset one"));
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void await(String url, Predicate<HttpResponse<String>> ready, StringWriter out, StringWriter err) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        HttpResponse<String> last = get(url);
        while (!ready.test(last)) {
            if (System.nanoTime() > deadline) {
                fail(url + " never became ready: " + last.statusCode() + " " + last.body() + "\nout: " + out + "\nerr: " + err);
            }
            Thread.sleep(100);
            last = get(url);
        }
    }
}
