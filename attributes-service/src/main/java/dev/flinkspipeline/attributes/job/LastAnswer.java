package dev.flinkspipeline.attributes.job;

/**
 * What Flinks (or the transport) last answered to a job, reported in PipelineFailed when the job gives up.
 * {@code httpStatus} is 0 when no answer arrived; {@code message} is safe to log (no secrets, no personal data).
 */
public record LastAnswer(String flinksCode, int httpStatus, String message) {}
