package dev.flinkspipeline.attributes.job;

/**
 * What Flinks (or the transport) last answered to a job, reported in PipelineFailed when the job gives up.
 *
 * @param flinksCode the FlinksCode, or null
 * @param httpStatus the HTTP status, 0 when no answer arrived
 * @param message    safe to log: no secrets, no personal data
 */
public record LastAnswer(String flinksCode, int httpStatus, String message) {}
