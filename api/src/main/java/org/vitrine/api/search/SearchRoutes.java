package org.vitrine.api.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.vitrine.api.ApiException;
import org.vitrine.api.ApiServer;
import org.vitrine.core.search.SearchSchema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Adler32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The search protocol: {@code /api/search}, {@code /api/suggest}, {@code /api/datasets} and
 * {@code /api/datasets/{id}} over a {@link SearchIndex}. Answers are JSON, cacheable for a short
 * while (the index can be rebuilt under a running server), readable from any origin.
 */
public final class SearchRoutes implements ApiServer.Routes {

    /** How long clients and proxies may reuse an answer. */
    static final String CACHE_CONTROL = "public, max-age=60";
    private static final int SUGGESTIONS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SearchIndex index;

    public SearchRoutes(SearchIndex index) {
        this.index = index;
    }

    @Override
    public void register(JavalinConfig config) {
        for (String path : List.of("/api/search", "/api/suggest", "/api/datasets", "/api/datasets/*")) {
            config.routes.before(path, SearchRoutes::cacheableFromAnyOrigin);
        }
        ApiServer.read(config.routes, "/api/search", this::search);
        ApiServer.read(config.routes, "/api/suggest", this::suggest);
        ApiServer.read(config.routes, "/api/datasets", this::datasets);
        ApiServer.read(config.routes, "/api/datasets/{id}", this::dataset);
    }

    private static void cacheableFromAnyOrigin(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Cache-Control", CACHE_CONTROL);
    }

    private void search(Context ctx) {
        try {
            Map<String, List<String>> filters = new LinkedHashMap<>();
            for (String dim : SearchSchema.FACET_NAMES) {
                List<String> values = ctx.queryParams(dim);
                if (!values.isEmpty()) {
                    filters.put(dim, values);
                }
            }
            List<ParameterRange> parameters = ctx.queryParams("param").stream()
                    .filter(p -> !p.isBlank()).map(ParameterRange::parse).toList();
            SearchRequest request = new SearchRequest(ctx.queryParam("q"), filters, parameters,
                    SearchRequest.Sort.parse(ctx.queryParam("sort")), intParam(ctx, "page", 1),
                    intParam(ctx, "size", SearchRequest.DEFAULT_SIZE), Set.copyOf(ctx.queryParams("all")));
            send(ctx, SearchResultJson.write(index.search(request)));
        } catch (InvalidQueryException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void suggest(Context ctx) {
        String q = ctx.queryParam("q");
        List<SearchResult.Suggestion> suggestions = index.suggest(q == null ? "" : q, SUGGESTIONS);
        json(ctx, Map.of("suggestions", suggestions));
    }

    private void datasets(Context ctx) {
        SearchIndex.RecordPage page;
        try {
            page = index.list(intParam(ctx, "page", 1), intParam(ctx, "size", SearchRequest.DEFAULT_SIZE));
        } catch (InvalidQueryException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        // The records are stored as JSON text; splice them rather than parse and re-serialise.
        StringBuilder json = new StringBuilder(256 + page.records().stream().mapToInt(String::length).sum())
                .append("{\"total\":").append(page.total())
                .append(",\"page\":").append(page.page())
                .append(",\"size\":").append(page.size())
                .append(",\"datasets\":[");
        for (int i = 0; i < page.records().size(); i++) {
            json.append(i == 0 ? "" : ",").append(page.records().get(i));
        }
        send(ctx, json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    private void dataset(Context ctx) {
        String id = ctx.pathParam("id");
        String record = index.datasetJson(id)
                .orElseThrow(() -> ApiException.notFound("No published dataset with id '" + id + "'"));
        send(ctx, record.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code value} as JSON text in one piece. (Javalin's {@code ctx.json} streams through a
     * pipe filled by another thread, a hand-off that cost more than the search.)
     */
    private static void json(Context ctx, Object value) {
        try {
            send(ctx, JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a search answer as JSON", e);
        }
    }

    /**
     * Answers with {@code json}, tagged with the Adler-32 of the body, quoted as HTTP wants an
     * entity tag (Javalin's own tag is the bare number, which caches may drop). Javalin feeds its
     * checksum one byte at a time from a stream, which took a fifth of a search request; over the
     * array it is one vectorised call. Javalin keeps a tag that is already set, and still answers
     * 304 when the request's If-None-Match equals it.
     *
     * <p>A client that accepts gzip gets a body of more than {@value #GZIP_FROM} bytes gzipped
     * here at the fastest level: Javalin's default level cost a fifth of a cached answer, for
     * JSON that its fastest level shrinks nearly as much.
     */
    private static void send(Context ctx, byte[] json) {
        Adler32 checksum = new Adler32();
        checksum.update(json);
        ctx.header("ETag", "\"" + Long.toHexString(checksum.getValue()) + "\"");
        ctx.contentType("application/json");
        if (json.length > GZIP_FROM && acceptsGzip(ctx.header("Accept-Encoding"))) {
            ctx.disableCompression();
            ctx.header("Content-Encoding", "gzip");
            ctx.header("Vary", "Accept-Encoding");
            ctx.result(gzip(json));
        } else {
            ctx.result(json);
        }
    }

    /** Smallest body worth compressing: below it the gzip frame outweighs the saving. */
    static final int GZIP_FROM = 1024;

    /** Whether an Accept-Encoding header lists gzip (or any coding) without refusing it with q=0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                for (int i = 1; i < parts.length; i++) {
                    if (parts[i].strip().matches("[qQ]\\s*=\\s*0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, not '" + value + "'");
        }
    }
}
