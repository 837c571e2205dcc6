package dev.flinkspipeline.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    private final AllowedOrigins origins =
            new AllowedOrigins(List.of("https://app.example", " http://localhost:3000 ", "https://Shop.Example:443/"));

    @Test
    void allowsExactlyTheConfiguredOrigins() {
        assertThat(origins.allows("https://app.example")).isTrue();
        assertThat(origins.allows("http://localhost:3000")).isTrue();
        assertThat(origins.allows("https://shop.example")).isTrue();
        assertThat(origins.allows("HTTPS://APP.EXAMPLE:443")).isTrue();
    }

    @Test
    void refusesEverythingElse() {
        assertThat(origins.allows(null)).isFalse();
        assertThat(origins.allows("")).isFalse();
        assertThat(origins.allows("null")).as("sandboxed frames, file: pages").isFalse();
        assertThat(origins.allows("http://app.example")).as("another scheme").isFalse();
        assertThat(origins.allows("https://app.example:8443"))
                .as("another port")
                .isFalse();
        assertThat(origins.allows("https://evil.app.example")).isFalse();
        assertThat(origins.allows("https://app.example.evil")).isFalse();
        assertThat(origins.allows("http://localhost:3001")).isFalse();
        assertThat(origins.allows("https://app.example/path")).isFalse();
    }

    @Test
    void anEmptyListAllowsNothing() {
        AllowedOrigins none = new AllowedOrigins(List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.allows("https://app.example")).isFalse();
    }

    @Test
    void refusesSettingsThatAreNotOrigins() {
        for (String bad : List.of(
                "*",
                "https://*.example",
                "app.example",
                "ftp://app.example",
                "https://app.example/x",
                "https://user@app.example",
                "https://app.example?x=1")) {
            assertThatThrownBy(() -> new AllowedOrigins(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("allowed-origins");
        }
    }
}
