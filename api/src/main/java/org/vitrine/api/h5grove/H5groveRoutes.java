package org.vitrine.api.h5grove;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import org.vitrine.api.ApiException;
import org.vitrine.api.ApiServer;
import org.vitrine.api.Cors;
import org.vitrine.api.h5grove.AnswerCache.Answer;
import org.vitrine.core.hdf5.Hdf5Dataset;
import org.vitrine.core.hdf5.Hdf5File;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.hdf5.LinkResolution;
import org.vitrine.core.hdf5.NumericType;
import org.vitrine.core.hdf5.Selection;
import org.vitrine.core.hdf5.Slab;
import org.vitrine.core.hdf5.Statistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The h5grove 4.0 protocol under {@code /api/h5grove/}, so h5web's {@code H5GroveProvider} and
 * other h5grove clients browse and plot the served files unchanged: {@code /}, {@code /meta},
 * {@code /attr}, {@code /data}, {@code /stats}, {@code /paths}. Handlers parse the request,
 * resolve the logical file name, ask core.hdf5 and write one answer.
 */
public final class H5groveRoutes implements ApiServer.Routes, AutoCloseable {

    /** Where the protocol is mounted. */
    public static final String PREFIX = "/api/h5grove";

    private final FileResolver files;
    private final Hdf5Files hdf5;
    private final boolean ownsHdf5;
    private final H5groveOptions options;
    private final AnswerCache answers;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "h5grove-request");
        t.setDaemon(true);
        return t;
    });

    /** Routes with their own opened-file and chunk caches, sized by {@code options}. */
    public H5groveRoutes(FileResolver files, H5groveOptions options) {
        this(files, new Hdf5Files(options.maxOpenFiles(), options.chunkCacheBytes()), true, options);
    }

    /** Routes sharing opened files and decoded chunks with other protocols (tiles, precomputed). */
    public H5groveRoutes(FileResolver files, Hdf5Files hdf5, H5groveOptions options) {
        this(files, hdf5, false, options);
    }

    private H5groveRoutes(FileResolver files, Hdf5Files hdf5, boolean ownsHdf5, H5groveOptions options) {
        this.files = files;
        this.hdf5 = hdf5;
        this.ownsHdf5 = ownsHdf5;
        this.options = options;
        this.answers = new AnswerCache(options.answerCacheBytes());
    }

    /** The opened files and chunk cache these routes read through. */
    public Hdf5Files hdf5() {
        return hdf5;
    }

    @Override
    public void register(JavalinConfig config) {
        var routes = config.routes;
        routes.before(PREFIX, this::cors);
        routes.before(PREFIX + "/*", this::cors);
        routes.options(PREFIX + "/*", ctx -> ctx.status(204));
        ApiServer.read(routes, PREFIX + "/", ctx -> ctx.contentType("text/plain").result("ok"));
        ApiServer.read(routes, PREFIX + "/meta", ctx -> answer(ctx, "meta", this::meta));
        ApiServer.read(routes, PREFIX + "/attr", ctx -> answer(ctx, "attr", this::attr));
        ApiServer.read(routes, PREFIX + "/data", ctx -> answer(ctx, "data", this::data));
        ApiServer.read(routes, PREFIX + "/stats", ctx -> answer(ctx, "stats", this::stats));
        ApiServer.read(routes, PREFIX + "/paths", ctx -> answer(ctx, "paths", this::paths));
    }

    // --- endpoints: query in, answer out, run off the request thread under the timeout ----------

    private Answer meta(Query q) {
        LinkResolution links = q.links();
        return q.withFile(f -> Answer.json(JsonWriter.value(EntityJson.meta(f, q.path(), links))));
    }

    private Answer attr(Query q) {
        List<String> keys = q.all("attr_keys");
        return q.withFile(f -> Answer.json(JsonWriter.value(f.attributes(q.path(), keys))));
    }

    private Answer paths(Query q) {
        q.links();
        return q.withFile(f -> Answer.json(JsonWriter.value(f.paths(q.path()))));
    }

    private Answer stats(Query q) {
        String selection = q.one("selection");
        return q.withFile(f -> {
            Hdf5Dataset d = f.dataset(q.path());
            requireNumeric(d, "stats");
            Statistics s = d.shape() == null ? Statistics.NONE : d.statistics(Selection.parse(selection, d.shape()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("strict_positive_min", s.strictPositiveMin());
            m.put("positive_min", s.positiveMin());
            m.put("min", s.min());
            m.put("max", s.max());
            m.put("mean", s.mean());
            m.put("std", s.std());
            return Answer.json(JsonWriter.value(m));
        });
    }

    private Answer data(Query q) {
        String format = q.one("format") == null ? "json" : q.one("format");
        if (!List.of("json", "bin", "npy", "csv", "tiff").contains(format)) {
            throw ApiException.unprocessable("Unsupported encoding " + format);
        }
        String dtype = q.one("dtype") == null ? "origin" : q.one("dtype");
        if (!dtype.equals("origin") && !dtype.equals("safe")) {
            throw ApiException.unprocessable("Unsupported dtype " + dtype);
        }
        boolean flatten = q.one("flatten") != null && !q.one("flatten").equalsIgnoreCase("false");
        String selectionText = q.one("selection");
        return q.withFile(f -> {
            Hdf5Dataset d = f.dataset(q.path());
            if (d.shape() == null) {
                if (!format.equals("json")) {
                    throw ApiException.unprocessable(d.path() + " is empty; format " + format + " needs numeric data");
                }
                return Answer.json(JsonWriter.value(null));
            }
            Selection sel = Selection.parse(selectionText, d.shape());
            checkSize(d, sel);
            if (!d.isNumeric()) {
                if (dtype.equals("safe")) {
                    throw ApiException.unprocessable("Unsupported dtype safe for non-numeric data");
                }
                if (format.equals("bin")) {
                    // As NumPy's tobytes(): the elements' bytes, for types whose bytes are their value.
                    if (!d.isFixedSize()) {
                        throw ApiException.unprocessable(d.path() + " holds " + d.dtype()
                                + " values, which refer to data elsewhere in the file and have no bytes of their own to send");
                    }
                    return new Answer(d.readBytes(sel), "application/octet-stream", null);
                }
                if (!format.equals("json")) {
                    throw ApiException.unprocessable(d.path() + " holds " + d.dtype() + " values; format " + format + " needs numeric data");
                }
                Object values = d.readValues(sel);
                if (flatten) {
                    values = flat(values, sel.resultShape().length);
                }
                return Answer.json(JsonWriter.value(values));
            }
            Slab slab = d.read(sel);
            if (dtype.equals("safe")) {
                NumericType t = slab.type();
                slab = new Slab(t.safe(), slab.shape(), t.toSafe(slab.bytes(), slab.size()));
            }
            return switch (format) {
                case "bin" -> new Answer(slab.bytes(), "application/octet-stream", null);
                case "npy" -> new Answer(ArrayFiles.npy(slab), "application/octet-stream", "data.npy");
                case "csv" -> new Answer(ArrayFiles.csv(slab), "text/csv", "data.csv");
                case "tiff" -> new Answer(ArrayFiles.tiff(slab), "image/tiff", "data.tiff");
                default -> Answer.json(JsonWriter.slab(slab, flatten));
            };
        });
    }

    /** The values of the array's {@code depth} dimensions in one list (a record's members stay together). */
    private static Object flat(Object values, int depth) {
        if (depth == 0) {
            return values;
        }
        List<Object> out = new java.util.ArrayList<>();
        flatInto(values, depth, out);
        return out;
    }

    private static void flatInto(Object v, int depth, List<Object> out) {
        if (depth > 0 && v instanceof List<?> list) {
            for (Object o : list) {
                flatInto(o, depth - 1, out);
            }
        } else {
            out.add(v);
        }
    }

    private void checkSize(Hdf5Dataset d, Selection sel) {
        int elementSize = d.isNumeric() ? Math.max(d.elementSize(), d.numericType().safe().size()) : d.elementSize();
        long bytes;
        try {
            bytes = Math.multiplyExact(sel.size(), (long) elementSize);
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > options.maxResponseBytes()) {
            throw new ApiException(413, "The selection " + sel + " of " + d.path() + " holds " + bytes
                    + " bytes, more than this server's limit of " + options.maxResponseBytes()
                    + " bytes: request a smaller slice with the selection parameter");
        }
    }

    private static void requireNumeric(Hdf5Dataset d, String what) {
        if (!d.isNumeric()) {
            throw ApiException.unprocessable("Cannot compute " + what + " of " + d.path() + ": it holds " + d.dtype() + " values, not numbers");
        }
    }

    // --- plumbing --------------------------------------------------------------------------------

    /** A parsed request: parameters read on the request thread, the file resolved. */
    private final class Query {
        private final Map<String, List<String>> params;
        private final Path file;

        Query(Context ctx, Path file) {
            this.params = ctx.queryParamMap();
            this.file = file;
        }

        String one(String name) {
            List<String> v = params.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        List<String> all(String name) {
            return params.getOrDefault(name, List.of());
        }

        String path() {
            String p = one("path");
            return p == null || p.isEmpty() ? "/" : p;
        }

        LinkResolution links() {
            try {
                return LinkResolution.parse(one("resolve_links"));
            } catch (IllegalArgumentException e) {
                throw ApiException.unprocessable(e.getMessage());
            }
        }

        Answer withFile(java.util.function.Function<Hdf5File, Answer> work) {
            try (Hdf5File f = hdf5.open(file)) {
                return work.apply(f);
            }
        }
    }

    private interface Endpoint {
        Answer handle(Query q);
    }

    private void answer(Context ctx, String endpointName, Endpoint endpoint) throws Exception {
        String name = ctx.queryParam("file");
        if (name == null) {
            throw ApiException.unprocessable("Missing required query parameter: file");
        }
        Path path = files.resolve(name);
        BasicFileAttributes version;
        try {
            version = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw FileResolver.notFound(name);
        }
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        AnswerCache.Key key = new AnswerCache.Key(path, version.size(), version.lastModifiedTime().toMillis(), endpointName, query);
        String etag = etag(key);
        if (etag.equals(ctx.header(Header.IF_NONE_MATCH))) {
            ctx.header(Header.ETAG, etag).status(304);
            return;
        }
        // A question asked before is answered here, without handing it to a worker.
        Answer a = answers.get(key);
        if (a == null) {
            a = compute(new Query(ctx, path), endpoint);
            answers.put(key, a);
        }
        ctx.header(Header.ETAG, etag);
        ctx.header(Header.CACHE_CONTROL, options.cacheControl());
        if (a.attachment() != null) {
            ctx.header(Header.CONTENT_DISPOSITION, "attachment; filename=\"" + a.attachment() + "\"");
        }
        ctx.contentType(a.contentType());
        if (a.contentType().equals("application/json")) {
            // JSON is compressed by the server's strategy when the client accepts it.
            ctx.result(a.body());
            return;
        }
        // Binary arrays compress poorly and cost CPU: sent as they are, in one write of known length.
        ctx.disableCompression();
        ctx.res().setContentLength(a.body().length);
        try {
            ctx.res().getOutputStream().write(a.body());
        } catch (IOException e) {
            // The client went away (viewers cancel the tiles they no longer show): nobody to answer.
        }
    }

    /** Runs the endpoint off the request thread, so a request that takes too long can be abandoned. */
    private Answer compute(Query query, Endpoint endpoint) throws Exception {
        Future<Answer> future = workers.submit(() -> endpoint.handle(query));
        try {
            return future.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ApiException(503, "The request took longer than " + options.timeout().toSeconds()
                    + " s and was abandoned; request a smaller selection");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Changes when the file is rewritten (size or time) or a different question is asked. */
    private static String etag(AnswerCache.Key key) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((key.file() + "\n" + key.size() + "\n" + key.modified() + "\n" + key.endpoint() + "\n" + key.query())
                    .getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(md.digest(), 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void cors(Context ctx) {
        Cors.allow(ctx, options.corsOrigins());
    }

    @Override
    public void close() {
        workers.shutdownNow();
        if (ownsHdf5) {
            hdf5.close();
        }
    }
}
