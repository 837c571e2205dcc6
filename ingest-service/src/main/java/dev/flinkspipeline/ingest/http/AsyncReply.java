package dev.flinkspipeline.ingest.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Answers a request once Kafka acknowledged its records, without holding the request thread: the
 * servlet goes async, and the answer is written when the acknowledgement arrives, or when the ack
 * timeout passes, whichever comes first. Exactly one answer is ever written: once a timeout answer
 * (503) went out, a late acknowledgement changes nothing.
 */
public final class AsyncReply {

    private static final Logger log = Logger.getLogger(AsyncReply.class);

    /** What to write into the response. */
    @FunctionalInterface
    public interface Answer {
        void writeTo(HttpServletResponse response) throws IOException;
    }

    private AsyncReply() {}

    /**
     * @param publish   starts the writes; may throw when they cannot even start
     * @param onAcked   the answer once everything is acknowledged
     * @param onFailure the answer for a failure (a {@link TimeoutException} when the ack timeout passed)
     */
    public static void await(
            HttpServletRequest request,
            Duration ackTimeout,
            Supplier<CompletableFuture<?>> publish,
            Supplier<Answer> onAcked,
            Function<Throwable, Answer> onFailure) {
        AsyncContext context = request.startAsync();
        // The container's own timeout is a backstop only; the ack timeout below answers first.
        context.setTimeout(ackTimeout.toMillis() + 5_000);
        AtomicBoolean answered = new AtomicBoolean();
        context.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                if (answered.compareAndSet(false, true)) {
                    write(context, onFailure.apply(new TimeoutException("container async timeout")));
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {}

            @Override
            public void onError(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {}
        });
        CompletableFuture<?> acks;
        try {
            acks = publish.get();
        } catch (RuntimeException e) {
            answered.set(true);
            write(context, onFailure.apply(e));
            return;
        }
        acks.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, error) -> {
            if (answered.compareAndSet(false, true)) {
                // Off the Kafka I/O thread: writing a response must never delay other acknowledgements.
                context.start(() -> write(context, error == null ? onAcked.get() : onFailure.apply(error)));
            }
        });
    }

    private static void write(AsyncContext context, Answer answer) {
        try {
            answer.writeTo((HttpServletResponse) context.getResponse());
        } catch (IOException | RuntimeException e) {
            log.debugf("could not write the answer: %s", e.toString());
        } finally {
            try {
                context.complete();
            } catch (IllegalStateException e) {
                log.debugf("async context already completed: %s", e.toString());
            }
        }
    }
}
