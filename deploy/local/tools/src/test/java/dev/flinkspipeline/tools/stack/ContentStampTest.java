package dev.flinkspipeline.tools.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStampTest {

    @TempDir
    Path dir;

    @Test
    void aRepackagedJarWithTheSameClassesKeepsItsCacheKeyAndAChangedOneGetsANewKey() throws IOException {
        Path built = dir.resolve("flinks-sandbox.jar");
        Path run = Files.createDirectories(dir.resolve("apps")).resolve("flinks-sandbox.jar");
        Path caches = dir.resolve("caches");

        writeJar(built, "class v1", Instant.parse("2026-12-01T10:00:00Z"));
        ContentStamp.copy(built, run);
        FileTime firstTime = Files.getLastModifiedTime(run);
        Path firstKey = AotCache.of(caches, "sandbox", List.of(run)).file();

        // The build repackages the same classes: new entry times inside, a new modification time outside.
        writeJar(built, "class v1", Instant.parse("2026-12-04T10:00:00Z"));
        Files.setLastModifiedTime(built, FileTime.from(Instant.now().plusSeconds(60)));
        ContentStamp.copy(built, run);
        assertThat(Files.getLastModifiedTime(run)).isEqualTo(firstTime);
        assertThat(AotCache.of(caches, "sandbox", List.of(run)).file()).isEqualTo(firstKey);

        writeJar(built, "class v2", Instant.parse("2026-12-01T10:00:00Z"));
        ContentStamp.copy(built, run);
        assertThat(Files.getLastModifiedTime(run)).isNotEqualTo(firstTime);
        assertThat(AotCache.of(caches, "sandbox", List.of(run)).file()).isNotEqualTo(firstKey);
    }

    @Test
    void aFileThatIsNoJarIsStampedByItsBytes() throws IOException {
        Path data = Files.writeString(dir.resolve("quarkus-application.dat"), "one");
        String one = ContentStamp.of(data);
        Files.setLastModifiedTime(data, FileTime.from(Instant.now().minusSeconds(3600)));
        assertThat(ContentStamp.of(data)).isEqualTo(one);

        Files.writeString(data, "two");
        assertThat(ContentStamp.of(data)).isNotEqualTo(one);
    }

    private static void writeJar(Path jar, String classBytes, Instant entryTime) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            ZipEntry entry = new ZipEntry("dev/flinkspipeline/Sandbox.class");
            entry.setTime(entryTime.toEpochMilli());
            zip.putNextEntry(entry);
            zip.write(classBytes.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
