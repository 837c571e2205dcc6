package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.http.Problem;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads one request body on its event loop, chunk by chunk as bytes arrive: each chunk is taken from
 * the {@link BodyBudget} (waiting briefly for room, the request paused meanwhile, else 503), the size is
 * counted against the path's limit (413 just past it) and the {@link BodyPace} is checked by a timer
 * (408 and the connection closed). Once the body is complete it is handed on to the servlet with its
 * budget share. No worker thread is involved until then. Not thread-safe: confined to the request's
 * context, budget grants hop back onto it.
 */
final class BodyReader {

    private static final Logger log = Logger.getLogger(BodyReader.class);
    static final String ENDPOINT = "edge";

    private final RoutingContext routing;
    private final HttpServerRequest request;
    private final Vertx vertx;
    private final Context context;
    private final BodyBudget budget;
    private final BodyPace pace;
    private final long limit;
    private final Duration budgetWait;
    private final Duration retryAfter;
    private final IngestMetrics metrics;

    private final List<Buffer> chunks = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private long received;
    private long pausedNanos;
    private long pausedSince = -1;
    private long paceTimer = -1;
    private long waitTimer = -1;
    private BodyBudget.Waiter waiter;
    private boolean finished;

    BodyReader(
            RoutingContext routing,
            BodyBudget budget,
            BodyPace pace,
            long limit,
            Duration budgetWait,
            Duration retryAfter,
            IngestMetrics metrics) {
        this.routing = routing;
        this.request = routing.request();
        this.vertx = routing.vertx();
        this.context = vertx.getOrCreateContext();
        this.budget = budget;
        this.pace = pace;
        this.limit = limit;
        this.budgetWait = budgetWait;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
    }

    void start() {
        request.handler(this::onChunk);
        request.endHandler(ignored -> onEnd());
        request.exceptionHandler(this::onError);
        armPace();
        request.resume();
    }

    private void onChunk(Buffer chunk) {
        if (finished) {
            return;
        }
        int size = chunk.length();
        if (size == 0) {
            return;
        }
        if (received + size > limit) {
            refuse(EdgeProblems.bodyTooLarge(limit));
            return;
        }
        if (budget.tryTake(size)) {
            keep(chunk);
            return;
        }
        // No room: wait briefly with the request paused; the pace clock stops meanwhile.
        request.pause();
        stopClock();
        waiter = budget.await(size, () -> context.runOnContext(ignored -> granted(chunk)));
        if (waiter != null && waitTimer < 0 && !finished) {
            waitTimer = vertx.setTimer(Math.max(1, budgetWait.toMillis()), id -> waitedTooLong());
        }
    }

    private void granted(Buffer chunk) {
        waiter = null;
        cancelTimer(waitTimer);
        waitTimer = -1;
        if (finished) {
            budget.release(chunk.length());
            return;
        }
        keep(chunk);
        startClock();
        request.resume();
    }

    private void waitedTooLong() {
        waitTimer = -1;
        if (!finished && waiter != null && budget.cancel(waiter)) {
            waiter = null;
            refuse(EdgeProblems.busy(), retryAfter);
        }
    }

    private void keep(Buffer chunk) {
        chunks.add(chunk);
        received += chunk.length();
    }

    private void onEnd() {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer(paceTimer);
        byte[] body = assemble();
        PreReadBody preRead = new PreReadBody(body, budget);
        routing.put(PreReadBody.KEY, preRead);
        // The servlet container reads this buffer if anything asks for the input stream (no copy).
        routing.setBody(Buffer.buffer(Unpooled.wrappedBuffer(body)));
        routing.next();
    }

    /** One array of the exact size; each chunk is dropped once copied, so the peak stays near one body. */
    private byte[] assemble() {
        byte[] body = new byte[Math.toIntExact(received)];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Buffer chunk = chunks.get(i);
            chunk.getBytes(body, at);
            at += chunk.length();
            chunks.set(i, null);
        }
        chunks.clear();
        return body;
    }

    private void onError(Throwable error) {
        if (finished) {
            return;
        }
        log.debugf("request body broken off: %s", error.getClass().getSimpleName());
        metrics.request(ENDPOINT, IngestMetrics.REJECTED, "body-broken-off");
        finish();
    }

    private void refuse(Problem problem) {
        refuse(problem, null);
    }

    private void refuse(Problem problem, Duration retry) {
        if (finished) {
            return;
        }
        finish();
        metrics.request(
                ENDPOINT, problem.status() == 503 ? IngestMetrics.UNAVAILABLE : IngestMetrics.REJECTED, problem.code());
        log.debugf("request body refused: %s (%d)", problem.code(), problem.status());
        EdgeProblems.send(vertx, request, problem, true, retry);
    }

    /** Stops reading and gives back every byte held. */
    private void finish() {
        finished = true;
        cancelTimer(paceTimer);
        cancelTimer(waitTimer);
        paceTimer = -1;
        waitTimer = -1;
        if (waiter != null) {
            // Still in line: nothing was taken. Already granted: the grant gives its bytes back itself.
            budget.cancel(waiter);
            waiter = null;
        }
        chunks.clear();
        budget.release(received);
        received = 0;
    }

    private void armPace() {
        long delayNanos = pace.nextCheckNanos(received) - elapsedNanos();
        paceTimer = vertx.setTimer(Math.max(1, delayNanos / 1_000_000 + 1), id -> checkPace());
    }

    private void checkPace() {
        paceTimer = -1;
        if (finished || pausedSince >= 0) {
            return;
        }
        switch (pace.verdict(elapsedNanos(), received)) {
            case ON_PACE -> armPace();
            case TOO_SLOW -> refuse(EdgeProblems.bodyTooSlow(pace));
            case TIMED_OUT -> refuse(EdgeProblems.bodyTimedOut(pace));
        }
    }

    private void stopClock() {
        pausedSince = System.nanoTime();
        cancelTimer(paceTimer);
        paceTimer = -1;
    }

    private void startClock() {
        if (pausedSince >= 0) {
            pausedNanos += System.nanoTime() - pausedSince;
            pausedSince = -1;
        }
        armPace();
    }

    private long elapsedNanos() {
        return System.nanoTime() - startNanos - pausedNanos;
    }

    private void cancelTimer(long id) {
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }
}
