package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.ingest.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into memory while counting bytes, and stops at the limit: a body over the
 * limit is refused after reading at most {@code limit + 1} bytes, never buffered whole. A declared
 * {@code Content-Length} over the limit is refused before reading anything. The buffer grows with the
 * bytes that arrive, never to what the client declares before they do.
 */
public final class BoundedBody {

    private static final int CHUNK = 64 * 1024;

    private BoundedBody() {}

    /**
     * @param declaredLength the {@code Content-Length}, or -1 when unknown (chunked)
     * @throws InvalidInputException 413 over the limit; 400 when fewer bytes arrive than declared
     * @throws IOException when the connection fails while reading
     */
    public static byte[] read(InputStream in, long declaredLength, long limit) throws IOException {
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        // Nothing past the declared length is read (one more byte would contradict it).
        long cap = declaredLength >= 0 ? declaredLength : limit + 1;
        byte[] buffer = new byte[(int) Math.min(CHUNK, cap)];
        int count = 0;
        while (true) {
            if (count == buffer.length) {
                if (count > limit || count == cap) {
                    break;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, cap));
            }
            int n = in.read(buffer, count, buffer.length - count);
            if (n < 0) {
                break;
            }
            count += n;
        }
        if (count > limit) {
            throw tooLarge(limit);
        }
        if (declaredLength >= 0 && count < declaredLength) {
            throw InvalidInputException.badRequest(
                    "truncated-body",
                    "truncated body",
                    "The body has " + count + " bytes but Content-Length declared " + declaredLength + ".");
        }
        return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
    }

    static InvalidInputException tooLarge(long limit) {
        return new InvalidInputException(
                413, "body-too-large", "body too large", "The body exceeds the limit of " + limit + " bytes.");
    }
}
