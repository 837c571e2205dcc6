package dev.flinkspipeline.schemas;

import dev.flinkspipeline.events.AccountState;
import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.events.PollScheduled;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Every event type of the pipeline and its default topic. */
public final class EventTypes {

    /** Event class to its default topic, in pipeline order. */
    public static final Map<Class<? extends SpecificRecord>, String> DEFAULT_TOPICS;

    static {
        Map<Class<? extends SpecificRecord>, String> topics = new LinkedHashMap<>();
        topics.put(LoginReceived.class, Topics.LOGIN_RECEIVED);
        topics.put(KycReceived.class, Topics.KYC_RECEIVED);
        topics.put(AccountsReady.class, Topics.ACCOUNTS_READY);
        topics.put(PollScheduled.class, Topics.POLL_SCHEDULED);
        topics.put(AttributesReady.class, Topics.ATTRIBUTES_READY);
        topics.put(PipelineFailed.class, Topics.PIPELINE_FAILED);
        topics.put(AccountState.class, Topics.ACCOUNT_STATE);
        topics.put(AccountTransaction.class, Topics.ACCOUNT_TRANSACTIONS);
        DEFAULT_TOPICS = Collections.unmodifiableMap(topics);
    }

    private EventTypes() {}

    /** The default topic of an event class, e.g. {@code flinks.accounts-ready} for AccountsReady. */
    public static String defaultTopic(Class<? extends SpecificRecord> eventClass) {
        String topic = DEFAULT_TOPICS.get(eventClass);
        if (topic == null) {
            throw new IllegalArgumentException("not a pipeline event: " + eventClass.getName());
        }
        return topic;
    }
}
