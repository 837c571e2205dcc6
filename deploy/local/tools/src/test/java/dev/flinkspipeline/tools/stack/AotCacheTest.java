package dev.flinkspipeline.tools.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    @TempDir
    Path dir;

    @Test
    void theFirstInstanceTrainsTheCacheAndEveryInstanceReadsItOnceWritten() throws IOException {
        Path jar = Files.writeString(dir.resolve("app.jar"), "classes");
        Path caches = dir.resolve("caches");
        AotCache cache = AotCache.of(caches, "poller", List.of(jar, dir.resolve("lib")));

        assertThat(cache.jvmOptions(false)).isEmpty();
        assertThat(cache.jvmOptions(true)).containsExactly("-XX:AOTCacheOutput=" + cache.file());

        Files.writeString(cache.file(), "written by the JVM when the training run stopped");
        assertThat(cache.jvmOptions(false)).containsExactly("-XX:AOTCache=" + cache.file());
        assertThat(cache.jvmOptions(true)).containsExactly("-XX:AOTCache=" + cache.file());
    }

    @Test
    void aCacheWhoseWritingWasCutShortIsTrainedAgain() throws IOException {
        Path jar = Files.writeString(dir.resolve("app.jar"), "classes");
        AotCache cache = AotCache.of(dir.resolve("caches"), "ingest", List.of(jar));
        cache.jvmOptions(true);
        Files.writeString(cache.file(), "half a cache");
        Path config = Files.writeString(cache.file().resolveSibling(cache.file().getFileName() + ".config"), "classes");

        assertThat(cache.exists()).isFalse();
        assertThat(cache.jvmOptions(false)).isEmpty();
        assertThat(cache.jvmOptions(true)).containsExactly("-XX:AOTCacheOutput=" + cache.file());
        assertThat(cache.file()).doesNotExist();
        assertThat(config).doesNotExist();
    }

    @Test
    void aRebuiltJarGetsANewCacheAndTrainingItDeletesTheStaleOne() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path dependency = Files.writeString(lib.resolve("kafka-clients.jar"), "v1");
        Path jar = Files.writeString(dir.resolve("app.jar"), "classes");
        Path caches = dir.resolve("caches");
        AotCache before = AotCache.of(caches, "poller", List.of(jar, lib));
        before.jvmOptions(true);
        Files.writeString(before.file(), "cache");

        assertThat(AotCache.of(caches, "poller", List.of(jar, lib)).file()).isEqualTo(before.file());
        Files.writeString(dependency, "v2 of the dependency");
        Files.setLastModifiedTime(dependency, FileTime.from(Instant.now().plusSeconds(60)));
        AotCache after = AotCache.of(caches, "poller", List.of(jar, lib));
        Path otherComponent = Files.writeString(caches.resolve("poller-service-0.1.0-SNAPSHOT.jar"), "not a cache");

        assertThat(after.file()).isNotEqualTo(before.file());
        assertThat(after.jvmOptions(true)).containsExactly("-XX:AOTCacheOutput=" + after.file());
        assertThat(before.file()).doesNotExist();
        assertThat(otherComponent).exists();
    }

    @Test
    void theServicesAndTheRegistryWaitForTheBrokerOnlyAndTheSandboxForNothing() {
        assertThat(Component.KAFKA.needs()).isEmpty();
        assertThat(Component.SANDBOX.needs()).isEmpty();
        for (Component c : List.of(
                Component.REGISTRY, Component.INGEST, Component.POLLER, Component.ATTRIBUTES, Component.STREAMS)) {
            assertThat(c.needs()).containsExactly(Component.KAFKA);
        }
    }

    @Test
    void theLeversAreOnByDefaultAndCanBeTurnedOffForABaseline() {
        StackConfig defaults = StackConfig.builder(Path.of("/project")).build();
        StackConfig baseline =
                defaults.toBuilder().aotCache(false).parallelStart(false).build();

        assertThat(defaults.aotCache()).isTrue();
        assertThat(defaults.parallelStart()).isTrue();
        assertThat(baseline.aotCache()).isFalse();
        assertThat(baseline.parallelStart()).isFalse();
    }
}
