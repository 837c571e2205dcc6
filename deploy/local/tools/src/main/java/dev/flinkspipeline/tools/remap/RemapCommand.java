package dev.flinkspipeline.tools.remap;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.tools.kafka.ClientSettings;
import dev.flinkspipeline.tools.kafka.RawRecord;
import dev.flinkspipeline.tools.kafka.TimeWindow;
import dev.flinkspipeline.tools.kafka.TopicScan;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * {@code pipeline-tools remap-unhandled}: once ingest can map more webhooks, re-posts the kept ones to it.
 * Ingest then maps each as if Flinks had sent it again (same body, same eventId, so consumers deduplicate);
 * one it still cannot map is kept again with the same eventId.
 */
public final class RemapCommand {

    /**
     * @param reasons   {@code unhandled-reason} values (empty: any)
     * @param secret    the webhook secret to sign with, or null to post unsigned
     */
    public record Options(
            ClientSettings kafka,
            Set<String> reasons,
            TimeWindow window,
            String loginId,
            String ingestUrl,
            String secret,
            boolean dryRun,
            String topic) {

        public Options {
            topic = topic == null ? Topics.WEBHOOK_UNHANDLED : topic;
        }
    }

    private final Options options;

    public RemapCommand(Options options) {
        this.options = options;
    }

    /** Runs the command; returns the exit status: 0, or 1 when ingest did not accept every webhook. */
    public int run(PrintStream out) {
        URI endpoint = WebhookReplayer.endpoint(options.ingestUrl());
        UnhandledSelection selection =
                new UnhandledSelection(new UnhandledFilter(options.reasons(), options.window(), options.loginId()));
        long read;
        try (TopicScan scan = new TopicScan(options.kafka())) {
            read = scan.read(
                    options.topic(),
                    options.window().since(),
                    record -> selection.offer(UnhandledWebhook.of(RawRecord.of(record))));
        }
        List<UnhandledWebhook> webhooks = selection.selected();
        WebhookReplayer replayer = new WebhookReplayer(endpoint, options.secret());
        out.printf(
                "%s: %d record(s), %d webhook(s) to re-post%s to %s%s%n",
                options.topic(),
                read,
                webhooks.size(),
                selection.copies() == 0
                        ? ""
                        : " (" + selection.copies() + " more record(s) of the same bodies left out)",
                endpoint,
                options.dryRun() ? " (dry run)" : replayer.signs() ? ", signed" : ", unsigned");
        RemapTable table = new RemapTable(out);
        table.header();
        int refused = 0;
        for (UnhandledWebhook webhook : webhooks) {
            if (options.dryRun()) {
                table.row(webhook, "would re-post (" + webhook.body().length + " bytes)");
                continue;
            }
            WebhookReplayer.Answer answer = replayer.post(webhook.body());
            refused += answer.ok() ? 0 : 1;
            table.row(webhook, RemapTable.answer(answer));
        }
        if (!options.dryRun()) {
            out.printf("%d re-posted: %d accepted, %d not%n", webhooks.size(), webhooks.size() - refused, refused);
        }
        return refused == 0 ? 0 : 1;
    }
}
