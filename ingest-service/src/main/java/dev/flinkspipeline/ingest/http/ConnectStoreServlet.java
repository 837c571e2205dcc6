package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectLogin;
import dev.flinkspipeline.ingest.connect.ConnectLoginValidator;
import dev.flinkspipeline.ingest.connect.QueryParams;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code POST /connect/callback/store?loginId&institution&tag&accountId}: the callback's store, repeated by
 * the {@link RetryPage} in the customer's browser (or by any client finishing Connect for a customer) with
 * the callback's parameters, in the query (no body is read). Idempotent: the same parameters name the same
 * eventId and the same binding claim.
 *
 * <p>Answers: 200 {@code {status: stored, eventId, loginId, location}} (location: the success page, or null);
 * 503 + {@code Retry-After} = not stored (or not confirmed), repeat; 4xx problem = refused for good, like
 * the callback (409 when the session is bound to another login or content).
 */
@WebServlet(name = "connect-callback-store", urlPatterns = "/connect/callback/store", asyncSupported = true)
public class ConnectStoreServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = Logger.getLogger(ConnectStoreServlet.class);
    static final String ENDPOINT = "connect_callback_store";

    @Inject
    IngestConfig config;

    @Inject
    ConnectLoginValidator validator;

    @Inject
    LoginPublisher loginPublisher;

    @Inject
    IngestMetrics metrics;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        ConnectLogin login;
        try {
            QueryParams params = QueryParams.ofQuery(request.getQueryString());
            login = validator.validate(
                    params.first("loginId"), params.first("institution"), params.first("tag"), params.all("accountId"));
        } catch (InvalidInputException e) {
            metrics.request(ENDPOINT, IngestMetrics.REJECTED, e.code());
            log.infof("Connect callback store rejected: %s", e.code());
            Problem.of(e).writeTo(response);
            return;
        }
        StoreAttempt<LoginReceived> attempt = loginPublisher.store(login, LoginSource.REDIRECT_URL);
        AsyncReply.await(
                request,
                config.connect().ackTimeout(),
                attempt::result,
                () -> resp -> {
                    LoginReceived stored = attempt.result().getNow(null);
                    metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, IngestMetrics.NONE);
                    Http.json(
                            resp,
                            200,
                            Http.object()
                                    .put("status", "stored")
                                    .put("eventId", stored.getEventId())
                                    .put("loginId", stored.getLoginId())
                                    .put(
                                            "location",
                                            config.connect().successUrl().orElse(null)));
                },
                error -> resp -> {
                    Optional<InvalidInputException> refused = StoreFailure.refusal(error);
                    if (refused.isPresent()) {
                        metrics.tagRefused(ENDPOINT, refused.get().code());
                        metrics.request(
                                ENDPOINT, IngestMetrics.REJECTED, refused.get().code());
                        Problem.of(refused.get()).writeTo(resp);
                        return;
                    }
                    StoreFailure failure = StoreFailure.of(attempt);
                    metrics.request(ENDPOINT, IngestMetrics.UNAVAILABLE, failure.code());
                    Http.unavailable(
                            resp,
                            config.connect().retryAfter(),
                            failure.code(),
                            failure.problem().title(),
                            failure.problem().detail());
                });
    }
}
