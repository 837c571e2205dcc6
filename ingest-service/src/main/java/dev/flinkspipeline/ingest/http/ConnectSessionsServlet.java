package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.flinks.client.FailureKind;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectSessions;
import dev.flinkspipeline.ingest.connect.ConnectUrl;
import dev.flinkspipeline.ingest.connect.FlinksConnectClient;
import dev.flinkspipeline.ingest.connect.SessionRequest;
import dev.flinkspipeline.ingest.flow.FlowNames;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import dev.flinkspipeline.ingest.retry.DeadlineRetry;
import dev.flinkspipeline.ingest.security.ApiKeys;
import dev.flinkspipeline.ingest.security.SignedTag;
import dev.flinkspipeline.ingest.security.TagSigner;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code POST /connect/sessions}: the application's back end (authenticated by {@code X-Api-Key}) asks
 * for a Connect session for one of its users. The service calls GenerateAuthorizeToken (again on transient
 * faults, within {@code ingest.flinks.token-retry.deadline}) and answers the
 * Connect iframe URL (authorizeToken, redirectUrl = our callback, signed tag), the tag and its expiry,
 * the session's flow (signed into the tag) and the session id that keys its failures before a loginId.
 */
@WebServlet(name = "connect-sessions", urlPatterns = "/connect/sessions")
public class ConnectSessionsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = Logger.getLogger(ConnectSessionsServlet.class);
    static final String ENDPOINT = "connect_sessions";
    public static final String API_KEY_HEADER = "X-Api-Key";

    @Inject
    IngestConfig config;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Optional<TagSigner> tagSigner;

    @Inject
    ConnectSessions sessions;

    @Inject
    FlinksConnectClient flinks;

    @Inject
    IngestMetrics metrics;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> missing = missingSettings();
        if (!missing.isEmpty()) {
            metrics.request(ENDPOINT, IngestMetrics.FAILED, "not-configured");
            Http.unavailable(
                    response,
                    Duration.ofMinutes(5),
                    "not-configured",
                    "Connect sessions are not configured",
                    "Set " + String.join(", ", missing) + ".");
            return;
        }
        SessionRequest session;
        try {
            if (!apiKeys.accepts(request.getHeader(API_KEY_HEADER))) {
                throw new InvalidInputException(
                        401, "invalid-api-key", "unauthorized", "A valid " + API_KEY_HEADER + " header is required.");
            }
            Http.requireJson(request);
            session = SessionRequest.parse(
                    Http.body(request, config.connect().maxBodySize().asLongValue()));
        } catch (InvalidInputException e) {
            metrics.request(ENDPOINT, IngestMetrics.REJECTED, e.code());
            log.infof("Connect session refused: %s", e.code());
            Problem.of(e).writeTo(response);
            return;
        }
        DeadlineRetry.Outcome<FlinksResult<AuthorizeToken>> outcome;
        try {
            outcome = flinks.tokens().orElseThrow().next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Flinks", e);
        }
        metrics.tokenAttempts(outcome.attempts());
        FlinksResult<AuthorizeToken> token = outcome.result();
        if (!(token instanceof FlinksResult.Data<AuthorizeToken> data)) {
            flinksFailed(response, token, outcome.attempts());
            return;
        }
        FlinksFlow flow = session.flowOr(sessions.defaultFlow());
        SignedTag tag = tagSigner.orElseThrow().sign(session.userReference(), flow);
        String url = ConnectUrl.build(
                config.connect().iframeUrl().orElseThrow(),
                data.body().value(),
                config.connect().callbackUrl().orElseThrow(),
                tag.value(),
                session,
                config.connect().iframeParams());
        metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, IngestMetrics.NONE);
        log.infof("Connect session created: flow=%s", flow);
        Http.json(
                response,
                200,
                Http.object()
                        .put("connectUrl", url)
                        .put("tag", tag.value())
                        .put("tagExpiresAt", tag.expiresAt().toString())
                        .put("flow", FlowNames.of(flow))
                        .put("sessionId", ConnectSessions.key(tag)));
    }

    private void flinksFailed(HttpServletResponse response, FlinksResult<AuthorizeToken> result, int attempts)
            throws IOException {
        boolean timeout = result == null
                || (result instanceof FlinksResult.Failure<AuthorizeToken> f
                        && (f.kind() == FailureKind.TIMEOUT || f.kind() == FailureKind.CONNECT_TIMEOUT));
        String code = timeout ? "flinks-timeout" : "flinks-error";
        String flinksCode = result instanceof FlinksResult.Failure<AuthorizeToken> f ? f.flinksCode() : null;
        metrics.request(ENDPOINT, IngestMetrics.FAILED, code);
        log.warnf(
                "GenerateAuthorizeToken failed: status=%d flinksCode=%s attempts=%d",
                result == null ? 0 : result.httpStatus(), flinksCode, attempts);
        new Problem(
                        timeout ? 504 : 502,
                        code,
                        "Flinks did not issue an authorize token",
                        "GenerateAuthorizeToken answered "
                                + (result == null
                                        ? "nothing in time"
                                        : "HTTP " + result.httpStatus() + (flinksCode == null ? "" : " " + flinksCode))
                                + (attempts > 1 ? " (last of " + attempts + " attempts)" : "") + ".")
                .writeTo(response);
    }

    private List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (!apiKeys.configured()) {
            missing.add("ingest.connect.api-keys");
        }
        if (tagSigner.isEmpty()) {
            missing.add("ingest.tag.secrets");
        }
        missing.addAll(flinks.missingSettings());
        return missing;
    }
}
