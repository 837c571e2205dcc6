package dev.flinkspipeline.tools.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestClientTest {

    @Test
    void readsTheTagOutOfAConnectUrl() {
        String url = "http://127.0.0.1:8090/v2/?authorizeToken=t-1&redirectUrl=http%3A%2F%2Fx%2Fcb&tag=v1.abc%2Bdef%3D&demo=true";
        assertThat(IngestClient.queryParameter(url, "tag")).isEqualTo("v1.abc+def=");
        assertThat(IngestClient.queryParameter(url, "redirectUrl")).isEqualTo("http://x/cb");
        assertThat(IngestClient.queryParameter(url, "missing")).isNull();
    }
}
