package org.vitrine.generator;

import org.vitrine.core.testing.NeedsTools;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx serving a baked site as GitHub Pages serves a project site: under
 * {@code /<prefix>/}, with the site's {@code 404.html} for every missing address under it.
 * Tests that start it carry {@code @NeedsTools("nginx")}.
 */
public final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Serves {@code site} at {@code http://127.0.0.1:<port>/<prefix>/} for each prefix, keeping its own files in {@code dir}. */
    public static Nginx serve(Path site, Path dir, String... prefixes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String conf = """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {}
                http {
                  include /etc/nginx/mime.types;
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  server {
                    listen 127.0.0.1:%2$d;
                %3$s  }
                }
                """.formatted(dir.toAbsolutePath(), port, java.util.Arrays.stream(prefixes)
                .map(p -> "    location /%1$s/ { alias %2$s/; error_page 404 /%1$s/404.html; }\n".formatted(p, site.toAbsolutePath()))
                .collect(java.util.stream.Collectors.joining()));
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Path nginx = NeedsTools.Condition.executable("nginx");
        Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toAbsolutePath().toString(), "-c", file.toAbsolutePath().toString(),
                "-e", dir.resolve("error.log").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx server = new Nginx(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!server.answers(prefixes[0])) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            Thread.sleep(50);
        }
        return server;
    }

    private boolean answers(String prefix) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/" + prefix + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
