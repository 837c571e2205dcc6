package dev.flinkspipeline.testkit.spring;

import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.testkit.PipelineInfrastructure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring Boot service under test with what it runs against: the test's broker and registry, a Flinks sandbox
 * when wanted, a producer of Avro events and readers of the topics it writes. One call starts it all
 * ({@link Builder#start()}); {@link #close()} stops it all, the service first.
 *
 * <pre>{@code
 * harness = ServiceHarness.of(MyApplication.class, infra)
 *         .sandbox(SandboxConfig.builder().build())
 *         .settings(sandboxUrl -> mySettings(infra, sandboxUrl))
 *         .start();
 * }</pre>
 */
public final class ServiceHarness implements AutoCloseable {

    private final PipelineInfrastructure infra;
    private final FlinksSandbox sandbox;
    private final SpringService service;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private SandboxAdminClient admin;
    private AvroProducer producer;

    private ServiceHarness(PipelineInfrastructure infra, FlinksSandbox sandbox, SpringService service) {
        this.infra = infra;
        this.sandbox = sandbox;
        this.service = service;
    }

    /** A harness for the service whose Spring Boot main class is {@code application}. */
    public static Builder of(Class<?> application, PipelineInfrastructure infra) {
        return new Builder(application, infra);
    }

    public SpringService service() {
        return service;
    }

    public ConfigurableApplicationContext context() {
        return service.context();
    }

    public FlinksSandbox sandbox() {
        if (sandbox == null) {
            throw new IllegalStateException("no Flinks sandbox: ask for one with Builder.sandbox(...)");
        }
        return sandbox;
    }

    /** A client of the sandbox's admin API (logins, faults, call counts). */
    public synchronized SandboxAdminClient admin() {
        if (admin == null) {
            admin = new SandboxAdminClient(sandbox().baseUrl());
        }
        return admin;
    }

    /** The producer of events to the test's broker (one, made on first use). */
    public synchronized AvroProducer producer() {
        if (producer == null) {
            producer = own(AvroProducer.to(infra));
        }
        return producer;
    }

    /** A read_committed reader of Avro events on {@code topics}, from their beginning. */
    public TopicReader reader(String... topics) {
        return own(TopicReader.avro(infra.bootstrapServers(), infra.schemaRegistryUrl(), topics));
    }

    /** A read_committed reader of raw bytes on {@code topics}, from their beginning. */
    public TopicReader rawReader(String... topics) {
        return own(TopicReader.raw(infra.bootstrapServers(), topics));
    }

    /** Closes {@code resource} with the harness (before the service stops). */
    public synchronized <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /** Closes the readers and producers (last made first), then the service, then the sandbox; keeps going on failure. */
    @Override
    public synchronized void close() {
        List<AutoCloseable> order = new ArrayList<>(owned);
        order.add(service);
        if (sandbox != null) {
            order.add(sandbox);
        }
        owned.clear();
        RuntimeException failure = null;
        for (AutoCloseable resource : order) {
            try {
                resource.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = new IllegalStateException("could not close " + resource, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** What to start: the service's settings, initializers and whether it needs a sandbox. */
    public static final class Builder {
        private final Class<?> application;
        private final PipelineInfrastructure infra;
        private final List<Function<String, Map<String, ?>>> settings = new ArrayList<>();
        private final Map<String, Object> overrides = new LinkedHashMap<>();
        private final List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers =
                new ArrayList<>();
        private SandboxConfig sandbox;

        private Builder(Class<?> application, PipelineInfrastructure infra) {
            this.application = application;
            this.infra = infra;
        }

        /** Starts a Flinks sandbox of {@code config} before the service, and points the service at it. */
        public Builder sandbox(SandboxConfig config) {
            this.sandbox = config;
            return this;
        }

        /** Settings made from the sandbox's base URL ({@code null} without a sandbox). */
        public Builder settings(Function<String, Map<String, ?>> bySandboxUrl) {
            settings.add(bySandboxUrl);
            return this;
        }

        public Builder settings(Map<String, ?> fixed) {
            return settings(url -> fixed);
        }

        /** One setting, winning over those given with {@link #settings}. */
        public Builder with(String key, Object value) {
            overrides.put(key, value);
            return this;
        }

        public Builder initializer(ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
            initializers.add(initializer);
            return this;
        }

        /**
         * Starts the sandbox (when asked for), then the service with the shared pipeline settings
         * ({@link PipelineSettings}), the given ones and the overrides, in that order. A failed start stops what
         * had started.
         */
        public ServiceHarness start() {
            FlinksSandbox started = sandbox == null ? null : FlinksSandbox.start(sandbox);
            try {
                String sandboxUrl = started == null ? null : started.baseUrl();
                Map<String, Object> all = new LinkedHashMap<>(PipelineSettings.kafka(infra));
                if (sandboxUrl != null) {
                    all.putAll(PipelineSettings.flinks(sandboxUrl));
                }
                settings.forEach(s -> all.putAll(s.apply(sandboxUrl)));
                all.putAll(overrides);
                SpringService service = SpringService.of(application, all);
                initializers.forEach(service::initializer);
                return new ServiceHarness(infra, started, service.start());
            } catch (RuntimeException e) {
                if (started != null) {
                    started.close();
                }
                throw e;
            }
        }
    }
}
