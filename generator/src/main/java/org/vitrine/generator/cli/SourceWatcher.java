package org.vitrine.generator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tells when anything under a few folders (content, templates, assets) changed, so that
 * {@code serve} can bake again. Editors save in bursts (a temporary file, a rename, a second
 * write), so a change is reported once the folders have been quiet for a moment.
 */
final class SourceWatcher implements AutoCloseable {

    private static final long QUIET_MILLIS = 200;

    private final WatchService service;

    SourceWatcher(List<Path> roots) {
        try {
            service = FileSystems.getDefault().newWatchService();
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    registerTree(root);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch " + roots, e);
        }
    }

    /** Blocks until something changed and the folders are quiet again; false once closed. */
    boolean awaitChange() throws InterruptedException {
        try {
            WatchKey key = service.take();
            handle(key);
            // Swallow the rest of the burst.
            for (WatchKey more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS); more != null;
                 more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) {
                handle(more);
            }
            return true;
        } catch (ClosedWatchServiceException e) {
            return false;
        }
    }

    private void handle(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            // A new folder (a dataset's data, say) is watched from now on.
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name
                    && Files.isDirectory(dir.resolve(name))) {
                try {
                    registerTree(dir.resolve(name));
                } catch (IOException e) {
                    // Gone again already: nothing to watch.
                }
            }
        }
        key.reset();
    }

    private void registerTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // Closing: nothing left to watch.
        }
    }
}
