package dev.flinkspipeline.ingest.edge;

/**
 * The largest body each path may send: webhooks get {@code ingest.webhook.max-body-size}, every other
 * path the Connect limit (the only other endpoints that read bodies), so an unknown path cannot make the
 * service hold more than a Connect request would.
 */
public record BodyLimits(long webhook, long other) {

    private static final String WEBHOOKS = "/webhooks/";

    public long forPath(String path) {
        return path != null && path.startsWith(WEBHOOKS) ? webhook : other;
    }

    public long largest() {
        return Math.max(webhook, other);
    }
}
