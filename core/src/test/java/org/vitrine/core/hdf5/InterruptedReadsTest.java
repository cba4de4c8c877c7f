package org.vitrine.core.hdf5;

import org.junit.jupiter.api.Test;
import org.vitrine.core.testing.Fixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request that times out is interrupted. Java closes a file channel for everyone when a thread
 * reading it is interrupted, so one abandoned request used to make every later read of the file
 * fail ("Cannot read …: null"). Readers interrupted over and over, mid-read, must leave the file
 * readable for everyone.
 */
class InterruptedReadsTest {

    @Test
    void interruptedReadersNeverSpoilTheFileForOthers() throws Exception {
        // No chunk cache: every read goes to the file.
        try (Hdf5Files files = new Hdf5Files(4, 0)) {
            byte[] expected;
            long[] shape;
            try (Hdf5File f = files.open(Fixtures.file("filters.h5"))) {
                shape = f.dataset("/deflate").shape();
                expected = f.dataset("/deflate").readBytes(Selection.all(shape));
            }
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String path = t % 2 == 0 ? "/deflate" : "/blosc_lz4";
                Thread reader = new Thread(() -> {
                    while (!stop.get()) {
                        try (Hdf5File f = files.open(Fixtures.file("filters.h5"))) {
                            byte[] got = f.dataset(path).readBytes(Selection.all(shape));
                            if (!java.util.Arrays.equals(expected, got)) {
                                failures.add(new AssertionError(path + " read other bytes"));
                            }
                        } catch (CancellationException e) {
                            // An interrupted read may give up: its request was abandoned.
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                        Thread.interrupted();
                    }
                });
                reader.start();
                readers.add(reader);
            }
            long end = System.nanoTime() + 1_500_000_000L;
            int interrupts = 0;
            while (System.nanoTime() < end) {
                for (Thread r : readers) {
                    r.interrupt();
                    interrupts++;
                }
                Thread.onSpinWait();
            }
            stop.set(true);
            for (Thread r : readers) {
                r.join(10_000);
            }
            assertTrue(interrupts > 1000, "interrupts sent: " + interrupts);
            assertTrue(failures.isEmpty(), () -> "reads failed: " + failures.peek());
            try (Hdf5File f = files.open(Fixtures.file("filters.h5"))) {
                assertArrayEquals(expected, f.dataset("/deflate").readBytes(Selection.all(shape)));
                assertEquals(1, files.openCount(), "the same opened file, still readable");
            }
        }
    }
}
