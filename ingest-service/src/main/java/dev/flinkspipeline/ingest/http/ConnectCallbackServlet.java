package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectLogin;
import dev.flinkspipeline.ingest.connect.ConnectLoginValidator;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code GET /connect/callback?loginId&institution&tag&accountId}: where Connect sends the browser
 * after a successful connection ({@code redirectUrl}). A valid callback emits {@code LoginReceived} and,
 * once Kafka acknowledged it, redirects to the application's success page; an invalid one (or one whose
 * session is bound to another login) emits nothing and redirects to the failure page with
 * {@code error=<code>} (or answers the problem when none is set). One that cannot be stored right now
 * answers the {@link RetryPage}: the browser repeats the store until it works or the deadline passes.
 */
@WebServlet(name = "connect-callback", urlPatterns = "/connect/callback", asyncSupported = true)
public class ConnectCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = Logger.getLogger(ConnectCallbackServlet.class);
    static final String ENDPOINT = "connect_callback";

    @Inject
    IngestConfig config;

    @Inject
    ConnectLoginValidator validator;

    @Inject
    LoginPublisher loginPublisher;

    @Inject
    IngestMetrics metrics;

    @Inject
    RetryPages retryPages;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConnectLogin login;
        try {
            String[] accountIds = request.getParameterValues("accountId");
            login = validator.validate(
                    request.getParameter("loginId"),
                    request.getParameter("institution"),
                    request.getParameter("tag"),
                    accountIds == null ? List.of() : Arrays.asList(accountIds));
        } catch (InvalidInputException e) {
            metrics.request(ENDPOINT, IngestMetrics.REJECTED, e.code());
            log.infof("Connect callback rejected: %s", e.code());
            fail(response, Problem.of(e));
            return;
        }
        int reloads = RetryPages.attempt(request.getParameter(RetryPages.ATTEMPT));
        StoreAttempt<LoginReceived> attempt = loginPublisher.store(login, LoginSource.REDIRECT_URL);
        AsyncReply.await(
                request,
                config.connect().ackTimeout(),
                attempt::result,
                () -> resp -> {
                    metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, IngestMetrics.NONE);
                    succeed(resp);
                },
                error -> resp -> {
                    Optional<InvalidInputException> refused = StoreFailure.refusal(error);
                    if (refused.isPresent()) {
                        metrics.tagRefused(ENDPOINT, refused.get().code());
                        metrics.request(
                                ENDPOINT, IngestMetrics.REJECTED, refused.get().code());
                        fail(resp, Problem.of(refused.get()));
                        return;
                    }
                    StoreFailure failure = StoreFailure.of(attempt);
                    metrics.request(ENDPOINT, IngestMetrics.UNAVAILABLE, failure.code());
                    // Nothing retries a browser redirect: the page keeps the browser storing until it works.
                    if (!retryPages.write(resp, login, reloads)) {
                        giveUp(resp, failure);
                    }
                });
    }

    private void giveUp(HttpServletResponse response, StoreFailure failure) throws IOException {
        Optional<String> failureUrl = config.connect().failureUrl();
        if (failureUrl.isPresent()) {
            response.sendRedirect(withError(failureUrl.get(), "unavailable"));
        } else {
            Http.unavailable(
                    response,
                    config.connect().retryAfter(),
                    failure.code(),
                    failure.problem().title(),
                    failure.problem().detail());
        }
    }

    private void succeed(HttpServletResponse response) throws IOException {
        Optional<String> successUrl = config.connect().successUrl();
        if (successUrl.isPresent()) {
            response.sendRedirect(successUrl.get());
            return;
        }
        byte[] page =
                "<!doctype html><title>Connected</title><p>Your bank account is connected. You can close this window.</p>"
                        .getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    private void fail(HttpServletResponse response, Problem problem) throws IOException {
        Optional<String> failureUrl = config.connect().failureUrl();
        if (failureUrl.isPresent()) {
            response.sendRedirect(withError(failureUrl.get(), problem.code()));
        } else {
            problem.writeTo(response);
        }
    }

    static String withError(String url, String code) {
        return url + (url.contains("?") ? '&' : '?') + "error=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }
}
