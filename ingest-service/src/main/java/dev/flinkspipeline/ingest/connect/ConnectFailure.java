package dev.flinkspipeline.ingest.connect;

/**
 * A relayed Connect event that ends the session without a login.
 *
 * @param reason     {@code PipelineFailed.reason}: the FlinksCode, or {@code ABANDONED}
 * @param flinksCode the FlinksCode the customer got (for an abandonment: the last one, when relayed), or null
 */
public record ConnectFailure(String reason, String flinksCode) {}
