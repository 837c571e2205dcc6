package dev.flinkspipeline.testkit.kafka;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit lifecycle of a class-scoped test resource: the container that started the resource is the only one
 * that closes it, so nested test classes reuse their outer class's resource instead of restarting it.
 */
public final class ClassScope {

    private String ownerContextId;

    /** From {@code beforeAll}: starts the resource unless it is already running, and remembers who started it. */
    public void enter(ExtensionContext context, BooleanSupplier running, Runnable start) {
        synchronized (this) {
            if (running.getAsBoolean()) {
                return;
            }
            ownerContextId = context.getUniqueId();
        }
        start.run();
    }

    /** From {@code afterAll}: closes the resource when {@code context} is the one that started it. */
    public void exit(ExtensionContext context, Runnable close) {
        synchronized (this) {
            if (!context.getUniqueId().equals(ownerContextId)) {
                return;
            }
            ownerContextId = null;
        }
        close.run();
    }
}
