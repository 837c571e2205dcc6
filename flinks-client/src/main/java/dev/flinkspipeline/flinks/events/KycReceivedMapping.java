package dev.flinkspipeline.flinks.events;

import dev.flinkspipeline.events.Holder;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.flinks.client.model.KycWebhook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code KYC} webhook as {@link KycReceived}; its Login and Holders map as in {@link AccountsReadyMapping}. */
public final class KycReceivedMapping {

    private KycReceivedMapping() {}

    /**
     * @param eventId       the event's id (the webhook's body names it: a redelivery gets the same id)
     * @param userReference the user the webhook's signed {@code Tag} names, or null
     * @throws UnmappablePayloadException {@code missing-login-id} or {@code invalid-login-id}
     */
    public static KycReceived map(KycWebhook webhook, String eventId, String userReference, Instant receivedAt) {
        Login login = FlinksValues.login(webhook.login(), null);
        List<Holder> holders = new ArrayList<>(webhook.holders().size());
        webhook.holders().forEach(h -> holders.add(FlinksValues.holder(h)));
        return new KycReceived(
                eventId,
                login.getId(),
                webhook.requestId(),
                webhook.institution(),
                webhook.tag(),
                userReference,
                holders,
                login,
                receivedAt);
    }
}
