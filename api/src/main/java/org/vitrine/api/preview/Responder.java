package org.vitrine.api.preview;

import org.vitrine.api.Cors;
import io.javalin.http.Context;
import io.javalin.http.Header;
import org.vitrine.api.ApiException;
import org.vitrine.api.h5grove.H5groveOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the tile and precomputed routes share with the data API: CORS headers, an {@code ETag}
 * that changes when the source file is rewritten, {@code Cache-Control}, and work run off the
 * request thread under the request timeout.
 *
 * <p>Encoded answers are also kept in memory by their ETag, up to an eighth of the options'
 * chunk-cache budget (64 MiB by default; none when chunks are not cached either): viewers
 * ask for the same tiles and chunks again as visitors zoom, pan and come back, and a kept answer
 * costs a lookup instead of reading, averaging and encoding. A rewritten file changes the ETag,
 * so nothing stale is served.
 */
final class Responder implements AutoCloseable {

    /** A successful answer. */
    record Answer(byte[] body, String contentType) {
    }

    private final H5groveOptions options;
    private final ExecutorService workers;
    private final Map<String, Answer> answers = new LinkedHashMap<>(256, 0.75f, true);
    private final long maxAnswerBytes;
    private long answerBytes;

    Responder(H5groveOptions options, String threadName) {
        this.options = options;
        this.maxAnswerBytes = options.chunkCacheBytes() / 8;
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    H5groveOptions options() {
        return options;
    }

    /** Answers {@code ctx} with what {@code work} makes from {@code source}, or 304 when the client has it. */
    void send(Context ctx, Path source, Callable<Answer> work) throws Exception {
        String etag = etag(source, ctx.path() + "?" + ctx.queryString());
        if (etag.equals(ctx.header(Header.IF_NONE_MATCH))) {
            ctx.header(Header.ETAG, etag).status(304);
            return;
        }
        Answer a = kept(etag);
        if (a == null) {
            a = compute(work);
            keep(etag, a);
        }
        ctx.header(Header.ETAG, etag);
        ctx.header(Header.CACHE_CONTROL, options.cacheControl());
        if (!a.contentType().equals("application/json")) {
            // PNG is compressed already and raw chunks compress poorly for their CPU cost.
            ctx.disableCompression();
        }
        ctx.contentType(a.contentType()).result(a.body());
    }

    private synchronized Answer kept(String etag) {
        return answers.get(etag);
    }

    private synchronized void keep(String etag, Answer a) {
        if (a.body().length > maxAnswerBytes / 16 || answers.containsKey(etag)) {
            return;
        }
        answers.put(etag, a);
        answerBytes += a.body().length;
        var eldest = answers.entrySet().iterator();
        while (answerBytes > maxAnswerBytes && eldest.hasNext()) {
            answerBytes -= eldest.next().getValue().body().length;
            eldest.remove();
        }
    }

    private Answer compute(Callable<Answer> work) throws Exception {
        Future<Answer> future = workers.submit(work);
        try {
            return future.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ApiException(503, "The request took longer than " + options.timeout().toSeconds()
                    + " s and was abandoned");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Lets browsers on other origins (a Neuroglancer hosted elsewhere) read the answers. */
    void cors(Context ctx) {
        Cors.allow(ctx, options.corsOrigins());
    }

    /** Checks the answer's size before any data is read: larger than the server's limit is 413. */
    void checkSize(long bytes, String what) {
        if (bytes > options.maxResponseBytes()) {
            throw new ApiException(413, what + " holds " + bytes + " bytes, more than this server's limit of "
                    + options.maxResponseBytes() + " bytes");
        }
    }

    /** Changes when the file is rewritten (size or time) or a different question is asked. */
    static String etag(Path path, String request) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((path + "\n" + a.size() + "\n" + a.lastModifiedTime().toMillis() + "\n" + request)
                    .getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(md.digest(), 0, 12) + "\"";
        } catch (IOException e) {
            throw ApiException.notFound("File not found: " + path.getFileName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
