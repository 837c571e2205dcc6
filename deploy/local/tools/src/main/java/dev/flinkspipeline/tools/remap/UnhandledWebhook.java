package dev.flinkspipeline.tools.remap;

import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.tools.kafka.RawRecord;
import java.time.Instant;

/**
 * A webhook ingest kept raw on {@code flinks.webhook-unhandled} because nothing mapped it: its exact bytes
 * and the headers ingest wrote with it.
 *
 * @param eventId      the record's id (derived from the body by ingest: equal bodies have equal ids)
 * @param reason       why nothing mapped it ({@code unhandled-reason}), or null on records written before
 *                     ingest added the header
 * @param responseType Flinks' {@code ResponseType} as ingest read it, or null
 * @param loginId      the login it names, when readable ({@link WebhookLogins}), else null
 * @param at           the record's Kafka timestamp
 */
record UnhandledWebhook(String eventId, String reason, String responseType, String loginId, Instant at, byte[] body) {

    /** Header names as ingest writes them (ingest-service {@code OutgoingRecord.rawWebhook}). */
    static final String REASON_HEADER = "unhandled-reason";

    static final String RESPONSE_TYPE_HEADER = "ResponseType";
    static final String EVENT_ID_HEADER = "eventId";

    static UnhandledWebhook of(RawRecord record) {
        byte[] body = record.value();
        String eventId = record.header(EVENT_ID_HEADER);
        if (eventId == null) {
            eventId = record.header(CloudEventHeaders.ID);
        }
        if (eventId == null) {
            eventId = EventIds.forPayload("WebhookUnhandled", body).toString();
        }
        return new UnhandledWebhook(
                eventId,
                record.header(REASON_HEADER),
                record.header(RESPONSE_TYPE_HEADER),
                WebhookLogins.loginIdOf(record.key(), body),
                record.at(),
                body);
    }
}
