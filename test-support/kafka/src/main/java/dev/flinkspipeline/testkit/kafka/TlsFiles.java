package dev.flinkspipeline.testkit.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed broker certificate for localhost and 127.0.0.1 and a truststore holding it, made with the JDK's
 * {@code keytool} at test time (nothing secret is checked in). PKCS12 both.
 *
 * @param keystore   the broker's key and certificate
 * @param truststore what clients trust: the broker's certificate
 * @param password   of both stores (random per run)
 */
public record TlsFiles(Path keystore, Path truststore, String password) {

    static final String TYPE = "PKCS12";

    /** Generates both stores in {@code directory}. */
    static TlsFiles generate(Path directory, String password) {
        Path keystore = directory.resolve("broker.p12");
        Path certificate = directory.resolve("broker.pem");
        Path truststore = directory.resolve("truststore.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore",
                keystore.toString(),
                "-storetype",
                TYPE,
                "-storepass",
                password,
                "-keypass",
                password);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                keystore.toString(),
                "-storetype",
                TYPE,
                "-storepass",
                password,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "broker",
                "-file",
                certificate.toString(),
                "-keystore",
                truststore.toString(),
                "-storetype",
                TYPE,
                "-storepass",
                password);
        return new TlsFiles(keystore, truststore, password);
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                // The output names the step; the command line would show the store password.
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    /** Creates {@code directory} if needed. */
    static Path directory(Path parent) throws IOException {
        return Files.createDirectories(parent.resolve("tls"));
    }
}
