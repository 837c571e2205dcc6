package dev.flinkspipeline.flinks.client.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into a byte array, but never more than {@code maxBytes}: past the limit (or
 * when the Content-Length already says so) it cancels the subscription, which makes the HTTP client drop
 * the connection, and fails with {@link ResponseTooLargeException}. One instance per request, because
 * {@link #abort} must reach that request's subscriber (used for the whole-call deadline).
 *
 * <p>Chunks arrive on HTTP client threads (possibly its selector thread), so this only copies bytes;
 * parsing happens elsewhere.
 */
public final class LimitedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    /** Never pre-allocate more than this from a declared Content-Length (the server could lie). */
    private static final int MAX_INITIAL_CAPACITY = 4 * 1024 * 1024;

    private final long maxBytes;
    private volatile LimitedSubscriber subscriber;
    private volatile Throwable abortCause;

    public LimitedBodyHandler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1L);
        LimitedSubscriber s = new LimitedSubscriber(maxBytes, declared, info.statusCode());
        subscriber = s;
        Throwable cause = abortCause;
        if (cause != null) {
            s.abort(cause);
        }
        return s;
    }

    /** Gives up on the body (if it is being read): cancels the subscription and fails with {@code cause}. */
    public void abort(Throwable cause) {
        abortCause = cause;
        LimitedSubscriber s = subscriber;
        if (s != null) {
            s.abort(cause);
        }
    }

    private static final class LimitedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final long maxBytes;
        private final long declared;
        private final int status;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private byte[] buffer;
        private int size;

        LimitedSubscriber(long maxBytes, long declared, int status) {
            this.maxBytes = maxBytes;
            this.declared = declared;
            this.status = status;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (body.isDone()) {
                s.cancel();
                return;
            }
            if (declared > maxBytes) {
                fail(new ResponseTooLargeException(status, maxBytes, declared));
                return;
            }
            int initial = declared >= 0 ? (int) Math.min(declared, MAX_INITIAL_CAPACITY) : 8192;
            buffer = new byte[Math.max(initial, 16)];
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                int n = item.remaining();
                if ((long) size + n > maxBytes) {
                    fail(new ResponseTooLargeException(status, maxBytes, declared));
                    return;
                }
                ensureCapacity(size + n);
                item.get(buffer, size, n);
                size += n;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            buffer = null;
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            byte[] bytes = buffer == null ? new byte[0] : size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
            buffer = null;
            body.complete(bytes);
        }

        void abort(Throwable cause) {
            fail(cause);
        }

        private void fail(Throwable cause) {
            if (body.completeExceptionally(cause)) {
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
            }
        }

        private void ensureCapacity(int needed) {
            if (needed <= buffer.length) {
                return;
            }
            long grown = Math.max((long) buffer.length * 2, needed);
            buffer = Arrays.copyOf(buffer, (int) Math.min(grown, Math.min(maxBytes, Integer.MAX_VALUE - 8)));
        }
    }
}
