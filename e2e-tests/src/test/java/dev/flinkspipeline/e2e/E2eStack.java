package dev.flinkspipeline.e2e;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.tools.demo.PipelineWatcher;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalStack;
import dev.flinkspipeline.tools.stack.StackConfig;
import dev.flinkspipeline.tools.stack.StackPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack for the whole e2e run (starting it is the slow part): every part a separate process on
 * free loopback ports, with state under target/e2e-stack, clocks compressed through each part's own
 * configuration. Fault tests stop, kill and restart parts of it and leave it whole again. Closed by JUnit at
 * the end of the run (and by a JVM shutdown hook, should the run be cut short).
 */
public final class E2eStack implements BeforeAllCallback {

    private static LocalStack stack;
    private static PipelineWatcher watcher;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (E2eStack.class) {
            if (stack == null) {
                stack = LocalStack.start(config(), line -> System.out.println("[e2e stack] " + line));
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(E2eStack.class, (AutoCloseable)
                        E2eStack::closeAll);
            }
        }
    }

    /** 202 answers the local stack's sandbox gives a new connection before 200 (fast clocks). */
    static final long PENDING_POLLS = 2;
    /** How long the local stack's poller waits for a webhook-flow login's webhook (fast clocks). */
    static final Duration WEBHOOK_GRACE = Duration.ofSeconds(30);

    static StackConfig config() {
        Path root = projectRoot();
        return StackConfig.builder(root)
                .stateDir(Path.of(System.getProperty(
                        "e2e.state.dir",
                        root.resolve("e2e-tests/target/e2e-stack").toString())))
                .ports(StackPorts.ephemeral())
                .partitions(3)
                .clocks(StackConfig.Clocks.FAST)
                .startTimeout(Duration.ofMinutes(3))
                // A test run starts each build once: training an AOT cache would only cost it time at stop.
                .aotCache(false)
                .build();
    }

    public static LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException(
                    "the e2e stack is not started: annotate the class with @ExtendWith(E2eStack.class)");
        }
        return stack;
    }

    /**
     * A watcher over the pipeline's topics and the poller's PollScheduled queue, shared by the tests (it reads
     * from the beginning, so it sees everything whenever a test asks).
     */
    public static synchronized PipelineWatcher watcher() {
        if (watcher == null) {
            List<String> topics = new ArrayList<>(PipelineWatcher.STORY_TOPICS);
            topics.add(Topics.POLL_SCHEDULED);
            watcher = new PipelineWatcher(
                    stack().bootstrapServers(), stack().registryUrl(), topics, PipelineWatcher.StartAt.BEGINNING);
        }
        return watcher;
    }

    public static boolean running(Component component) {
        return stack().isRunning(component);
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("project.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    private static synchronized void closeAll() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }
}
