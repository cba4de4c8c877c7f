package org.vitrine.api.h5grove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.vitrine.api.ApiServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real server on a loopback port serving h5grove routes, and a client for it. */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final H5groveRoutes routes;
    final Javalin app;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestServer(FileResolver resolver, H5groveOptions options) {
        routes = new H5groveRoutes(resolver, options);
        app = ApiServer.create(List.of(routes), c -> { }).start("127.0.0.1", 0);
    }

    static Path sharedData() {
        return org.vitrine.core.testing.NeedsSharedData.Condition.folder();
    }

    static TestServer overSharedData() {
        return new TestServer(new DataRootResolver(sharedData()), H5groveOptions.defaults());
    }

    String base() {
        return "http://127.0.0.1:" + app.port() + H5groveRoutes.PREFIX;
    }

    HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, null);
    }

    HttpResponse<byte[]> get(String pathAndQuery, String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        app.stop();
        routes.close();
    }
}
