package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.NewLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.tools.demo.Flow;
import dev.flinkspipeline.tools.demo.IngestClient;
import dev.flinkspipeline.tools.http.JsonHttp;
import dev.flinkspipeline.tools.stack.LocalSecrets;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Starts customers the way production traffic arrives (app back end, sandbox as Flinks, browser callback). */
final class Customers {

    private final SandboxAdminClient admin;
    private final IngestClient ingest;
    private final IngestClient callbacks;

    Customers(LocalStack stack) {
        this(
                new SandboxAdminClient(stack.sandboxUrl()),
                new IngestClient(stack.ingestUrl(), LocalSecrets.APP_API_KEY),
                new IngestClient(stack.ingestUrl(), LocalSecrets.APP_API_KEY));
    }

    /**
     * Customers whose sessions are made on {@code ingest} while their browser's callback and their webhooks go to
     * {@code callbacks}: two instances of ingest behind a load balancer.
     */
    Customers(SandboxAdminClient admin, IngestClient ingest, IngestClient callbacks) {
        this.admin = admin;
        this.ingest = ingest;
        this.callbacks = callbacks;
    }

    /** A customer who finished Connect: the login exists in the sandbox, and the browser hit our callback. */
    record Started(
            String loginId, Flow flow, String userReference, String tag, List<String> accountIds, CreatedLogin login) {}

    Started start(Flow flow) {
        return start(flow, null);
    }

    /**
     * Standard flow: a login without webhooks, then the Connect callback (the poller fetches the data).
     * Webhook flow: a login whose KYC and GetAccountsDetail webhooks the sandbox pushes to ingest, and the
     * Connect callback as well, as Connect redirects the browser in both flows.
     */
    Started start(Flow flow, Map<String, Object> behaviour) {
        String userReference = "e2e-" + UUID.randomUUID();
        IngestClient.ConnectSession session = ingest.createSession(userReference, flow);
        NewLogin request = NewLogin.ofUser("Greatday").withTag(session.tag()).withBehaviour(behaviour);
        CreatedLogin login = admin.createLogin(
                flow == Flow.WEBHOOK
                        ? request.withWebhookUrl(callbacks.webhookUrl())
                        : request.withFireWebhooks(false));
        callback(login.loginId(), session.tag(), login.accountIds());
        return new Started(login.loginId(), flow, userReference, session.tag(), login.accountIds(), login);
    }

    /**
     * A webhook-flow customer whose webhooks Flinks never sends: the Connect callback arrives, the
     * GetAccountsDetail webhook does not (the poller's missing-webhook fallback must fetch the data).
     */
    Started startWithoutWebhooks() {
        String userReference = "e2e-" + UUID.randomUUID();
        IngestClient.ConnectSession session = ingest.createSession(userReference, Flow.WEBHOOK);
        CreatedLogin login = admin.createLogin(
                NewLogin.ofUser("Greatday").withTag(session.tag()).withFireWebhooks(false));
        callback(login.loginId(), session.tag(), login.accountIds());
        return new Started(login.loginId(), Flow.WEBHOOK, userReference, session.tag(), login.accountIds(), login);
    }

    /** A webhook-flow login only (no callback), e.g. for a burst of webhooks. */
    CreatedLogin webhookOnly() {
        IngestClient.ConnectSession session = ingest.createSession("e2e-" + UUID.randomUUID(), Flow.WEBHOOK);
        return admin.createLogin(
                NewLogin.ofUser("Greatday").withTag(session.tag()).withWebhookUrl(callbacks.webhookUrl()));
    }

    /** The customer's browser on the Connect callback, repeating the store while ingest cannot make it. */
    void callback(String loginId, String tag, List<String> accountIds) {
        JsonHttp.Answer answer = callbacks.finishConnect(
                loginId, SandboxAdminClient.INSTITUTION, tag, accountIds, Duration.ofMinutes(5));
        assertThat(answer.status())
                .as("Connect callback status, body: " + answer.body())
                .isIn(200, 302, 303);
    }

    SandboxAdminClient admin() {
        return admin;
    }

    IngestClient ingest() {
        return ingest;
    }
}
