package dev.flinkspipeline.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestClientTest {

    @Test
    void readsTheTagOutOfAConnectUrl() {
        String url =
                "http://127.0.0.1:8090/v2/?authorizeToken=t-1&redirectUrl=http%3A%2F%2Fx%2Fcb&tag=v1.abc%2Bdef%3D&demo=true";
        assertThat(IngestClient.queryParameter(url, "tag")).isEqualTo("v1.abc+def=");
        assertThat(IngestClient.queryParameter(url, "redirectUrl")).isEqualTo("http://x/cb");
        assertThat(IngestClient.queryParameter(url, "missing")).isNull();
    }

    @Test
    void storeRepetitionsBackOffExponentiallyWithJitterUpToFiveSeconds() {
        assertThat(IngestClient.storeDelay(1, () -> 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(IngestClient.storeDelay(1, () -> 0.999)).isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(IngestClient.storeDelay(3, () -> 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(IngestClient.storeDelay(5, () -> 0.0)).isEqualTo(Duration.ofMillis(2500));
        assertThat(IngestClient.storeDelay(60, () -> 0.999))
                .isLessThanOrEqualTo(Duration.ofSeconds(5))
                .isGreaterThan(Duration.ofMillis(4900));
    }
}
