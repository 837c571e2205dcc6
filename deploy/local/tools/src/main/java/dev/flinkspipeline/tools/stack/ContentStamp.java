package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What a file holds, whenever it was written: a jar by the name, CRC and size of each entry (a rebuild that
 * repackages unchanged classes changes only the entries' and the file's times), any other file by its bytes.
 *
 * <p>The JVM accepts an AOT cache only while each classpath file has the size and modification time it had in
 * the training run, so copies the stack runs carry a modification time derived from this stamp: an unchanged
 * build keeps its cache, a changed one gets a new time, hence a new cache key (see {@link AotCache}).
 */
final class ContentStamp {

    /** 1980-01-01, the zip format's first time, and a 30-year range: never a time in the future. */
    private static final long FIRST_SECOND = 315_532_800L;

    private static final long RANGE_SECONDS = 30L * 365 * 24 * 3600;

    private ContentStamp() {}

    /** The stamp of {@code file}: a hex SHA-256 of its content. */
    static String of(Path file) {
        MessageDigest digest = sha256();
        try {
            if (!entries(file, digest)) {
                digest.reset();
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A modification time that only the content decides, in whole seconds (what every file system keeps). */
    static FileTime time(Path file) {
        long hash = Long.parseUnsignedLong(of(file).substring(0, 15), 16);
        return FileTime.fromMillis((FIRST_SECOND + hash % RANGE_SECONDS) * 1000);
    }

    /** Copies {@code source} to {@code target}, its modification time set to {@link #time} of the content. */
    static void copy(Path source, Path target) throws IOException {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(target, time(target));
    }

    /** Digests a zip's entries from its central directory (no decompression); false when it is no zip. */
    private static boolean entries(Path file, MessageDigest digest) throws IOException {
        String name = file.getFileName().toString();
        if (!name.endsWith(".jar") && !name.endsWith(".zip")) {
            return false;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                digest.update((entry.getName() + "|" + entry.getCrc() + "|" + entry.getSize())
                        .getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return true;
        } catch (ZipException e) {
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
