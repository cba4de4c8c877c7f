package org.vitrine.generator.site;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work started on a thread of its own while the caller goes on, whose result is taken later: its
 * failure is then thrown as it was, as if the work had run in the caller.
 *
 * @param <T> what the work gives
 */
public final class Aside<T> {

    private final FutureTask<T> task;

    private Aside(Callable<T> work) {
        this.task = new FutureTask<>(work);
    }

    /** Starts {@code work} on a new thread named {@code name}. */
    public static <T> Aside<T> start(String name, Callable<T> work) {
        Aside<T> aside = new Aside<>(work);
        Thread thread = new Thread(aside.task, name);
        thread.setDaemon(true);
        thread.start();
        return aside;
    }

    /** Waits for the work and gives its result, or throws what it threw. */
    public T join() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the work if it is still running (its thread is interrupted). */
    public void cancel() {
        task.cancel(true);
    }
}
