package dev.flinkspipeline.service.flinks;

import java.util.concurrent.ForkJoinPool;

/**
 * Gives the JVM's common ForkJoinPool at least two threads. The JDK's HttpClient completes every
 * {@code sendAsync} through the default CompletableFuture executor, and with a common pool of one thread
 * (what a 1- or 2-CPU machine or container gets) that executor starts a new thread for every response:
 * at a thousand Flinks calls a second, creating threads costs a fifth of the service's CPU.
 *
 * <p>Call first thing in {@code main}, before anything uses the common pool; an explicit
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} is left alone.
 */
public final class CommonPool {

    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPool() {}

    public static void ensureTwoThreads() {
        if (System.getProperty(PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(PARALLELISM, "2");
        }
        int parallelism = ForkJoinPool.getCommonPoolParallelism();
        if (parallelism < 2) {
            // The pool was started before main (an agent, a launcher): the setting came too late.
            System.getLogger(CommonPool.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "The common ForkJoinPool has {0} thread: every Flinks response will start a new thread. "
                                    + "Start the JVM with -D" + PARALLELISM + "=2",
                            parallelism);
        }
    }
}
