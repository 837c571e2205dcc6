package dev.flinkspipeline.flinks.client.http;

import java.io.IOException;

/** A body passed the configured limit; the exchange was abandoned. */
public final class ResponseTooLargeException extends IOException {

    private final int httpStatus;
    private final long limit;
    private final long declaredLength;

    public ResponseTooLargeException(int httpStatus, long limit, long declaredLength) {
        super(
                declaredLength > limit
                        ? "response declares " + declaredLength + " bytes, over the " + limit + "-byte limit"
                        : "response body passed the " + limit + "-byte limit");
        this.httpStatus = httpStatus;
        this.limit = limit;
        this.declaredLength = declaredLength;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public long limit() {
        return limit;
    }

    /** The Content-Length, or -1 when the server did not declare one. */
    public long declaredLength() {
        return declaredLength;
    }
}
