package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo and the topic viewer as people run them: their command lines, output and exit status. */
@Order(6)
@ExtendWith(E2eStack.class)
@RequiresParts({Component.INGEST, Component.POLLER, Component.ATTRIBUTES, Component.STREAMS})
class ToolsIT {

    private static final Pattern ROW = Pattern.compile(
            "^\\s+\\d+\\s+(standard|webhook)\\s+([0-9a-f-]{36})\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private final LocalStack stack = E2eStack.stack();
    private final Path root = E2eStack.projectRoot();

    @Test
    void theDemoDrivesBothFlowsAndTheViewerTellsOneCustomersStory() throws Exception {
        Result demo = run(demoCommand(2, 120));

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output())
                .contains("1 through the standard flow, 1 through the webhook flow")
                .contains("2 of 2 customers reached AttributesReady.");
        List<String[]> rows = rows(demo.output());
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(r -> {
            assertThat(Integer.parseInt(r[2])).as("accounts").isPositive();
            assertThat(Integer.parseInt(r[3])).as("transactions").isPositive();
            assertThat(Integer.parseInt(r[4])).as("attributes").isPositive();
            assertThat(r[5]).isEqualTo("AttributesReady");
            // accounts-streams: a state per account, each transaction once.
            assertThat(Integer.parseInt(r[6])).as("account-state records").isEqualTo(Integer.parseInt(r[2]));
            assertThat(Integer.parseInt(r[7]))
                    .as("account-transactions records")
                    .isEqualTo(Integer.parseInt(r[3]));
        });

        String loginId =
                rows.stream().filter(r -> r[0].equals("webhook")).findFirst().orElseThrow()[1];
        List<String> viewer = new ArrayList<>(List.of(
                root.resolve("deploy/local/topics").toString(),
                "all",
                "--login-id",
                loginId,
                "--compact",
                "--bootstrap-server",
                stack.bootstrapServers(),
                "--registry",
                stack.registryUrl()));
        Result view = run(viewer);

        assertThat(view.exitCode()).as(view.output()).isZero();
        List<String> lines =
                view.output().lines().filter(l -> l.startsWith("flinks.")).toList();
        // Per-login topics are keyed by loginId; the per-account ones (accounts-streams) by accountId.
        assertThat(lines)
                .allMatch(l -> l.contains("\"loginId\":\"" + loginId + "\"")
                        && (l.contains("key=" + loginId)
                                || l.startsWith("flinks.account-state[")
                                || l.startsWith("flinks.account-transactions[")));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("flinks.login-received[") && l.contains("LoginReceived"))
                .anyMatch(l -> l.startsWith("flinks.kyc-received[") && l.contains("KycReceived"))
                .anyMatch(l -> l.startsWith("flinks.accounts-ready[") && l.contains("\"source\":\"WEBHOOK\""))
                .anyMatch(l -> l.startsWith("flinks.attributes-ready[") && l.contains("AttributesReady"));
        assertThat(indexOf(lines, "KycReceived")).isLessThan(indexOf(lines, "AttributesReady"));
    }

    @Test
    void theDemoExitsNonZeroWhenACustomerDoesNotReachAttributesReady() throws Exception {
        stack.stop(Component.ATTRIBUTES);
        try {
            Result demo = run(demoCommand(1, 10));

            assertThat(demo.exitCode()).as(demo.output()).isEqualTo(1);
            assertThat(demo.output()).contains("0 of 1 customers reached AttributesReady.");
            assertThat(rows(demo.output()).get(0)[5]).isEqualTo("stuck");
        } finally {
            stack.start(Component.ATTRIBUTES);
        }
    }

    private List<String> demoCommand(int customers, int timeoutSeconds) throws IOException {
        return new ArrayList<>(List.of(
                javaBinary(),
                "-jar",
                toolsJar().toString(),
                "demo",
                "--customers",
                Integer.toString(customers),
                "--timeout",
                Integer.toString(timeoutSeconds),
                "--bootstrap-server",
                stack.bootstrapServers(),
                "--registry",
                stack.registryUrl(),
                "--sandbox",
                stack.sandboxUrl(),
                "--ingest",
                stack.ingestUrl()));
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tools-it", ".out");
        Process process = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish:\n" + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        System.out.println(output);
        return new Result(process.exitValue(), output);
    }

    private static List<String[]> rows(String output) {
        List<String[]> rows = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.add(new String[] {
                    m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(8), m.group(6), m.group(7)
                });
            }
        }
        return rows;
    }

    private static int indexOf(List<String> lines, String type) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("  " + type + "  ")) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " in " + lines);
    }

    private Path toolsJar() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("deploy/local/tools/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("pipeline-tools-.*-all\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("deploy/local/tools is not packaged"));
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
