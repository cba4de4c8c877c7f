package org.vitrine.generator.cli;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.vitrine.api.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code vitrine serve}: builds, then serves the site and the API on one port. */
@Command(name = "serve", description = "Build, then serve the site and the API (http://localhost:7070 by default).")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ContentOptions options;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/site", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Pipeline.Built built = Pipeline.build(options, out, spec.commandLine().getOut(), spec.commandLine().getErr());
        if (built == null) {
            return 1;
        }
        Path site = out.toAbsolutePath().normalize();
        Javalin app = ApiServer.create(List.of(), config -> config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = site.toString();
            files.location = Location.EXTERNAL;
        })).start(host, port);
        spec.commandLine().getOut().printf("Serving %s at http://%s:%d/ (Ctrl+C to stop)%n", site,
                host.equals("0.0.0.0") ? "localhost" : host, app.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
