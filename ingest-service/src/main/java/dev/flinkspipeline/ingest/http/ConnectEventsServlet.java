package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.events.LoginSource;
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
 * {@code ingest.connect.allowed-origins}.
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
                throw new InvalidInputException(403, "origin-not-allowed", "origin not allowed",
                        "Connect events are accepted only from the origins in ingest.connect.allowed-origins"
                                + " (the Origin header).");
            }
            Http.requireJson(request);
            event = parser.parse(Http.body(request, config.connect().maxBodySize().asLongValue()));
            metrics.connectEvent(ConnectSteps.label(event.step()));
            if (event.isRedirect()) {
                redirect(request, validator.validate(event.loginId(), event.institution(), event.tag(),
                        event.accountIds()));
                return;
            }
            Optional<ConnectFailure> failure = ConnectFailures.terminal(event);
            if (failure.isEmpty()) {
                metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, "counted");
                Http.json(response, 202, Http.object().put("status", "counted").put("step", ConnectSteps.label(event.step())));
                return;
            }
            ConnectSession session = sessions.of(event.tag());
            failed(request, ConnectFailures.key(event.loginId(), session), event, failure.get(), session);
        } catch (InvalidInputException e) {
            metrics.request(ENDPOINT, IngestMetrics.REJECTED, e.code());
            log.infof("Connect event rejected: %s", e.code());
            Problem.of(e).writeTo(response);
        }
    }

    private void failed(HttpServletRequest request, String key, ConnectEvent event, ConnectFailure failure,
                        ConnectSession session) {
        failurePublisher.publish(request, key, event, failure, session,
                pipelineFailed -> resp -> {
                    metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, "connect-failure");
                    Http.json(resp, 200, Http.object().put("status", "accepted")
                            .put("eventId", pipelineFailed.getEventId()).put("key", key)
                            .put("reason", pipelineFailed.getReason()));
                },
                error -> resp -> {
                    metrics.request(ENDPOINT, IngestMetrics.UNAVAILABLE, "kafka-unavailable");
                    Http.unavailable(resp, config.webhook().retryAfter(), "kafka-unavailable", "failure not stored",
                            "Kafka did not acknowledge the event in time; relay it again later.");
                });
    }

    private void redirect(HttpServletRequest request, ConnectLogin login) {
        loginPublisher.publish(request, login, LoginSource.CONNECT_EVENT,
                loginReceived -> resp -> {
                    metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, IngestMetrics.NONE);
                    Http.json(resp, 200, Http.object().put("status", "accepted")
                            .put("eventId", loginReceived.getEventId()).put("loginId", loginReceived.getLoginId()));
                },
                error -> resp -> {
                    metrics.request(ENDPOINT, IngestMetrics.UNAVAILABLE, "kafka-unavailable");
                    Http.unavailable(resp, config.webhook().retryAfter(), "kafka-unavailable", "login not stored",
                            "Kafka did not acknowledge the event in time; relay it again later.");
                });
    }
}
