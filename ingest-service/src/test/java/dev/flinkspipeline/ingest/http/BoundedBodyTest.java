package dev.flinkspipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.ingest.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void readsBodiesUpToTheLimit() throws Exception {
        byte[] body = filled(200_000);
        assertThat(BoundedBody.read(new ByteArrayInputStream(body), body.length, 200_000))
                .isEqualTo(body);
        assertThat(BoundedBody.read(new ByteArrayInputStream(body), -1, 200_000))
                .isEqualTo(body);
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[0]), 0, 10))
                .isEmpty();
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() {
        CountingStream in = new CountingStream(filled(1000));
        assertThatThrownBy(() -> BoundedBody.read(in, 1000, 999))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(in.read).isZero();
    }

    @Test
    void stopsReadingAnUndeclaredBodyJustPastTheLimit() {
        CountingStream in = new CountingStream(filled(5_000_000));
        assertThatThrownBy(() -> BoundedBody.read(in, -1, 1_000_000))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("body-too-large"));
        assertThat(in.read).isEqualTo(1_000_001);
    }

    @Test
    void refusesABodyShorterThanDeclared() {
        assertThatThrownBy(() -> BoundedBody.read(new ByteArrayInputStream(filled(10)), 20, 100))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("truncated-body");
                });
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        long read;

        CountingStream(byte[] data) {
            in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, Math.min(len, 8192));
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
