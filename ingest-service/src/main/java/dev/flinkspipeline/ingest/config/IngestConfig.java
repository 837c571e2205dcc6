package dev.flinkspipeline.ingest.config;

import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of ingest-service under {@code ingest.*} (environment: upper-case with underscores, e.g.
 * {@code INGEST_WEBHOOK_SECRETS}). Kafka client settings live under {@code kafka.*} and are passed to
 * the producer unchanged (e.g. {@code kafka.bootstrap.servers}, {@code kafka.schema.registry.url}).
 * Every setting is listed in {@code docs/ingest.md} and {@code docs/configuration.md}. Those the service cannot
 * run without have no default and are optional here: {@link RequiredSettings} checks them all at start and names
 * every missing one at once.
 */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /** {@code ce_source} of the events this service writes. */
    @WithDefault("/flinks-pipeline/ingest")
    String source();

    Topics topics();

    Flow flow();

    Webhook webhook();

    Connect connect();

    Tag tag();

    Flinks flinks();

    Kafka kafka();

    TagBindings tagBindings();

    Http http();

    /** Topic names (defaults from {@link dev.flinkspipeline.schemas.Topics}). */
    interface Topics {
        @WithDefault("flinks.login-received")
        String loginReceived();

        @WithDefault("flinks.kyc-received")
        String kycReceived();

        @WithDefault("flinks.accounts-ready")
        String accountsReady();

        @WithDefault("flinks.webhook-unhandled")
        String webhookUnhandled();

        @WithDefault("flinks.pipeline-failed")
        String pipelineFailed();

        /** Internal: the claims binding each Connect session (signed tag) to one login. Not compacted. */
        @WithDefault("flinks-ingest.tag-bindings")
        String tagBindings();
    }

    interface Flow {
        /**
         * The back-end flow of a login whose Connect session names none: {@code standard} (the poller
         * fetches the accounts) or {@code webhook} (Flinks pushes them).
         */
        @WithName("default")
        @WithDefault("standard")
        String defaultFlow();
    }

    interface Webhook {
        /** HMAC secrets Flinks signs webhooks with (required). Several = rotation. */
        Optional<List<String>> secrets();

        /** Largest body accepted; counted while streaming. */
        @WithDefault("32M")
        MemorySize maxBodySize();

        /**
         * The largest AccountsReady value written as one record: a larger GetAccountsDetail webhook is written
         * as ordered parts of at most this size, all acknowledged before the 200 (docs/consumers.md). Keep it below
         * the accounts-ready topic's {@code max.message.bytes} and {@code kafka.max.request.size}.
         */
        @WithDefault("" + AccountsReadySplitter.DEFAULT_MAX_RECORD_BYTES)
        int maxRecordBytes();

        /** How long a webhook waits for Kafka's acknowledgement before answering 503. */
        @WithDefault("10s")
        Duration ackTimeout();

        /** {@code Retry-After} of a 503. */
        @WithDefault("60s")
        Duration retryAfter();

        /**
         * Serves {@code POST /webhooks/flinks/baseline}: the same servlet work (read, verify, parse, map)
         * answering 200 without Kafka. For the benchmark only; off by default.
         */
        @WithDefault("false")
        boolean baselineEnabled();
    }

    interface Connect {
        /** Keys the application's back end presents in {@code X-Api-Key} on /connect/sessions; none = endpoint closed. */
        Optional<List<String>> apiKeys();

        /** The Flinks Connect iframe URL (instance-specific; required). */
        Optional<String> iframeUrl();

        /** Public URL of this service's {@code /connect/callback}, given to Connect as {@code redirectUrl} (required). */
        Optional<String> callbackUrl();

        /** Where the browser goes after a valid callback; none = a plain 200 page. */
        Optional<String> successUrl();

        /** Where the browser goes after an invalid callback (with {@code error=<code>}); none = 400 problem. */
        Optional<String> failureUrl();

        /** Extra Connect iframe parameters added to every session URL (e.g. customerName, theme). */
        Map<String, String> iframeParams();

        /** Largest body of /connect/sessions and /connect/events. */
        @WithDefault("64K")
        MemorySize maxBodySize();

        /** How long a callback or relayed event waits for Kafka's acknowledgement. */
        @WithDefault("10s")
        Duration ackTimeout();

        /**
         * Origins ({@code scheme://host[:port]}) whose pages may relay events to {@code /connect/events}; a
         * request without one of them in {@code Origin} is refused (403). None = the relay is closed.
         */
        Optional<List<String>> allowedOrigins();

        /** {@code Retry-After} of a 503 on the Connect endpoints (a store that may be repeated at once). */
        @WithDefault("2s")
        Duration retryAfter();

        StoreRetry storeRetry();
    }

    /**
     * A Connect callback that could not be stored answers a page that repeats the store from the customer's
     * browser ({@code POST /connect/callback/store}) with backoff and jitter until the deadline, then goes
     * on to the success or failure page.
     */
    interface StoreRetry {
        /** How long the browser keeps trying. */
        @WithDefault("5m")
        Duration deadline();

        @WithDefault("1s")
        Duration initialDelay();

        @WithDefault("30s")
        Duration maxDelay();

        /** Without JavaScript the page reloads the callback this often (a meta refresh), until the deadline. */
        @WithDefault("15s")
        Duration noscriptInterval();
    }

    interface Tag {
        /** HMAC secrets of the signed tag (at least 16 bytes each; required). First one signs. */
        Optional<List<String>> secrets();

        /**
         * How long a signed tag stays valid: Flinks' authorize token lifetime (30 minutes unused,
         * flinks-api.md 2), since the session cannot outlive its token, and a tag that lived longer would
         * only widen the window for replaying it.
         */
        @WithDefault("30m")
        Duration ttl();
    }

    /** Flinks API access for GenerateAuthorizeToken (only /connect/sessions needs it). */
    interface Flinks {
        /** The customer's Flinks API instance (required). */
        Optional<String> baseUrl();

        /** Required. */
        Optional<String> customerId();

        /** The secret key ({@code flinks-auth-key} of GenerateAuthorizeToken; required). */
        Optional<String> secretKey();

        /** The x-api-key (unused by ingest, required by the client). */
        @WithDefault("unused")
        String apiKey();

        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("15s")
        Duration requestTimeout();

        TokenRetry tokenRetry();
    }

    /**
     * GenerateAuthorizeToken on {@code POST /connect/sessions} is repeated on transient faults, with backoff
     * and jitter, until the deadline; then the session answers 502 or 504.
     */
    interface TokenRetry {
        /** How long a session request may spend on GenerateAuthorizeToken, every attempt included. */
        @WithDefault("10s")
        Duration deadline();

        @WithDefault("200ms")
        Duration initialDelay();

        @WithDefault("2s")
        Duration maxDelay();
    }

    /** The tag-bindings topic ({@code ingest.topics.tag-bindings}), created at start when missing and asked to. */
    interface TagBindings {
        /**
         * Create the topic when it does not exist, with the topic plan's settings and the retention below. Off by
         * default: the cluster's topics are declared from the plan (tests and bare brokers turn it on).
         */
        @WithDefault("false")
        boolean createTopic();

        @WithDefault("3")
        int partitions();

        /** -1: the broker's default. */
        @WithDefault("-1")
        short replicationFactor();

        /**
         * How long claims are kept: longer than {@code ingest.tag.ttl} (a binding matters while its tag is
         * valid); each instance reads this much at start.
         */
        @WithDefault("24h")
        Duration retention();
    }

    interface Kafka {
        /** Readiness: how long describeCluster may take before Kafka counts as unreachable. */
        @WithDefault("2s")
        Duration healthTimeout();

        /** Readiness: how long a Kafka check result is reused. */
        @WithDefault("5s")
        Duration healthCacheTtl();
    }

    /**
     * The HTTP edge: what any client, authenticated or not, may hold of the service while its request
     * arrives. Bodies are read at the Vert.x layer before a servlet runs (see {@code edge.BodyGate}).
     */
    interface Http {
        /**
         * Bytes of request bodies the service holds at once, from their first byte until their answer is
         * written; none = an eighth of the maximum heap (at least the webhook body limit).
         */
        Optional<MemorySize> bodyBudget();

        /** How long a body that does not fit in the budget waits for room before a 503. */
        @WithDefault("1s")
        Duration bodyBudgetWait();

        /** {@code Retry-After} of a 503 for a full budget. */
        @WithDefault("5s")
        Duration busyRetryAfter();

        /** Time a body always has (from the end of the headers) before the minimum rate applies. */
        @WithDefault("5s")
        Duration bodyGrace();

        /** Minimum average rate of a body after the grace, in bytes per second. */
        @WithDefault("16K")
        MemorySize bodyMinRate();

        /** Longest time a whole body may take to arrive, whatever its rate. */
        @WithDefault("60s")
        Duration bodyTimeout();

        /** Longest request target (path and query) answered; 414 past it. */
        @WithDefault("8K")
        MemorySize maxUriLength();

        /** Largest header section (names, values and separators) answered; 431 past it. */
        @WithDefault("16K")
        MemorySize maxHeaderSize();

        /**
         * Once an answer ended on a connection, how long the next request's head may take to be complete
         * before the connection is closed (kept-alive connections, idle or trickling a head).
         */
        @WithDefault("10s")
        Duration headerTimeout();
    }
}
