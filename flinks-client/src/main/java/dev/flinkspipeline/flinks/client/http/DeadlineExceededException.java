package dev.flinkspipeline.flinks.client.http;

import java.io.IOException;

/** The whole call (headers and body) did not finish within the request timeout. */
public final class DeadlineExceededException extends IOException {

    public DeadlineExceededException(String message) {
        super(message);
    }
}
