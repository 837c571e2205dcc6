package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectEvent;
import dev.flinkspipeline.ingest.connect.ConnectEventParser;
import dev.flinkspipeline.ingest.connect.ConnectFailure;
import dev.flinkspipeline.ingest.connect.ConnectFailures;
import dev.flinkspipeline.ingest.connect.ConnectLogin;
import dev.flinkspipeline.ingest.connect.ConnectLoginValidator;
import dev.flinkspipeline.ingest.connect.ConnectSession;
import dev.flinkspipeline.ingest.connect.ConnectSessions;
import dev.flinkspipeline.ingest.connect.ConnectSteps;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import dev.flinkspipeline.ingest.security.AllowedOrigins;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code POST /connect/events}: the front end relays the Connect iframe's postMessage events. A
 * {@code REDIRECT} (loginId in the event or in its {@code url}) emits {@code LoginReceived} with the
 * same eventId as the redirect URL would; a terminal failure ({@link ConnectFailures}) emits
 * {@code PipelineFailed(CONNECT)}; every step is counted in {@code ingest_connect_events_total}. Both
 * need the session's valid signed tag when tag signing is on, and every request an {@code Origin} from
 * {@code ingest.connect.allowed-origins}. A login (or a failure naming one) binds the session: another
 * login with the same tag is refused with 409.
 *
 * <p>Answers: 200 = stored; 503 + {@code Retry-After} = not stored (or not confirmed), relay the same event
 * again; any 4xx = refused for good, do not repeat.
 */
@WebServlet(name = "connect-events", urlPatterns = "/connect/events", asyncSupported = true)
public class ConnectEventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = Logger.getLogger(ConnectEventsServlet.class);
    static final String ENDPOINT = "connect_events";

    @Inject
    IngestConfig config;

    @Inject
    ConnectLoginValidator validator;

    @Inject
    ConnectSessions sessions;

    @Inject
    LoginPublisher loginPublisher;

    @Inject
    ConnectFailurePublisher failurePublisher;

    @Inject
    IngestMetrics metrics;

    @Inject
    AllowedOrigins allowedOrigins;

    private final ConnectEventParser parser = new ConnectEventParser();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConnectEvent event;
        try {
            if (!allowedOrigins.allows(request.getHeader("Origin"))) {
                throw new InvalidInputException(
                        403,
                        "origin-not-allowed",
                        "origin not allowed",
                        "Connect events are accepted only from the origins in ingest.connect.allowed-origins"
                                + " (the Origin header).");
            }
            Http.requireJson(request);
            event = parser.parse(
                    Http.body(request, config.connect().maxBodySize().asLongValue()));
            metrics.connectEvent(ConnectSteps.label(event.step()));
            if (event.isRedirect()) {
                redirect(
                        request,
                        validator.validate(event.loginId(), event.institution(), event.tag(), event.accountIds()));
                return;
            }
            Optional<ConnectFailure> failure = ConnectFailures.terminal(event);
            if (failure.isEmpty()) {
                metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, "counted");
                Http.json(
                        response,
                        202,
                        Http.object().put("status", "counted").put("step", ConnectSteps.label(event.step())));
                return;
            }
            ConnectSession session = sessions.of(event.tag());
            String key = ConnectFailures.key(event.loginId(), session);
            failed(request, key, event.loginId() == null ? null : key, event, failure.get(), session);
        } catch (InvalidInputException e) {
            metrics.request(ENDPOINT, IngestMetrics.REJECTED, e.code());
            log.infof("Connect event rejected: %s", e.code());
            Problem.of(e).writeTo(response);
        }
    }

    private void failed(
            HttpServletRequest request,
            String key,
            String loginId,
            ConnectEvent event,
            ConnectFailure failure,
            ConnectSession session) {
        StoreAttempt<PipelineFailed> attempt = failurePublisher.store(key, loginId, event, failure, session);
        AsyncReply.await(
                request,
                config.connect().ackTimeout(),
                attempt::result,
                () -> resp -> {
                    PipelineFailed pipelineFailed = attempt.result().getNow(null);
                    metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, "connect-failure");
                    Http.json(
                            resp,
                            200,
                            Http.object()
                                    .put("status", "accepted")
                                    .put("eventId", pipelineFailed.getEventId())
                                    .put("key", key)
                                    .put("reason", pipelineFailed.getReason()));
                },
                error -> resp -> notStored(resp, error, attempt));
    }

    private void redirect(HttpServletRequest request, ConnectLogin login) {
        StoreAttempt<LoginReceived> attempt = loginPublisher.store(login, LoginSource.CONNECT_EVENT);
        AsyncReply.await(
                request,
                config.connect().ackTimeout(),
                attempt::result,
                () -> resp -> {
                    LoginReceived loginReceived = attempt.result().getNow(null);
                    metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, IngestMetrics.NONE);
                    Http.json(
                            resp,
                            200,
                            Http.object()
                                    .put("status", "accepted")
                                    .put("eventId", loginReceived.getEventId())
                                    .put("loginId", loginReceived.getLoginId()));
                },
                error -> resp -> notStored(resp, error, attempt));
    }

    private void notStored(HttpServletResponse response, Throwable error, StoreAttempt<?> attempt) throws IOException {
        Optional<InvalidInputException> refused = StoreFailure.refusal(error);
        if (refused.isPresent()) {
            metrics.tagRefused(ENDPOINT, refused.get().code());
            metrics.request(ENDPOINT, IngestMetrics.REJECTED, refused.get().code());
            Problem.of(refused.get()).writeTo(response);
            return;
        }
        StoreFailure failure = StoreFailure.of(attempt);
        metrics.request(ENDPOINT, IngestMetrics.UNAVAILABLE, failure.code());
        Http.unavailable(
                response,
                config.connect().retryAfter(),
                failure.code(),
                failure.problem().title(),
                failure.problem().detail());
    }
}
