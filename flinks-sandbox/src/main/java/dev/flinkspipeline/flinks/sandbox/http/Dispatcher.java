package dev.flinkspipeline.flinks.sandbox.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.flinkspipeline.flinks.sandbox.SandboxState;
import dev.flinkspipeline.flinks.sandbox.admin.CallAttribution;
import dev.flinkspipeline.flinks.sandbox.admin.Faults;
import dev.flinkspipeline.flinks.sandbox.api.Envelopes;
import dev.flinkspipeline.flinks.sandbox.api.FlinksCode;
import dev.flinkspipeline.flinks.sandbox.api.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single HTTP entry point: routes by path, counts calls, applies injected faults and latency (latency
 * is waited on the scheduler, not on a server thread) and turns any unexpected error into a JSON 500.
 */
public final class Dispatcher implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> BANKING = Map.of(
            "generateauthorizetoken", "GenerateAuthorizeToken",
            "authorize", "Authorize",
            "getaccountsdetail", "GetAccountsDetail",
            "getaccountsdetailasync", "GetAccountsDetailAsync");

    /** What serves the non-API parts; the API parts are routed here. */
    public interface Routes {
        Reply banking(String endpoint, Call call) throws IOException;

        Reply attributes(Call call) throws IOException;

        Reply connect(Call call) throws IOException;

        Reply admin(Call call) throws IOException;
    }

    private final SandboxState state;
    private final Routes routes;
    private final CallAttribution attribution;

    public Dispatcher(SandboxState state, Routes routes) {
        this.state = state;
        this.routes = routes;
        this.attribution = new CallAttribution(state);
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        try {
            Call call = new Call(exchange, split(exchange.getRequestURI().getRawPath()), start);
            route(call, exchange);
        } catch (Call.BodyTooLargeException e) {
            send(exchange, Envelopes.error(FlinksCode.INVALID_REQUEST, 413, "Request body too large", null));
        } catch (Throwable t) {
            LOG.error(
                    "Unexpected error on {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    t);
            send(exchange, Envelopes.error(FlinksCode.AGGREGATION_ERROR, 500, "Unexpected sandbox error", null));
        }
    }

    private void route(Call call, HttpExchange exchange) throws IOException {
        String first = call.segment(0);
        if (first == null) {
            send(exchange, notFound());
            return;
        }
        switch (first) {
            case "v3" -> api(call, exchange);
            case "v2" -> send(exchange, routes.connect(call));
            case "sandbox" -> {
                if ("health".equals(call.segment(1)) && call.size() == 2) {
                    send(exchange, Reply.json(200, HEALTH));
                } else if ("admin".equals(call.segment(1))) {
                    send(exchange, routes.admin(call));
                } else {
                    send(exchange, notFound());
                }
            }
            default -> send(exchange, notFound());
        }
    }

    private void api(Call call, HttpExchange exchange) throws IOException {
        String area = call.segment(2);
        String endpoint = null;
        if ("BankingServices".equalsIgnoreCase(area) && call.size() >= 4) {
            endpoint = BANKING.get(call.segment(3).toLowerCase(Locale.ROOT));
            if (endpoint != null && call.size() != ("GetAccountsDetailAsync".equals(endpoint) ? 5 : 4)) {
                endpoint = null;
            }
        } else if ("insight".equalsIgnoreCase(area)
                && call.size() >= 7
                && call.size() <= 8
                && "login".equalsIgnoreCase(call.segment(3))
                && "attributes".equalsIgnoreCase(call.segment(5))) {
            endpoint = "Attributes";
        }
        if (endpoint == null) {
            send(exchange, notFound());
            return;
        }
        state.stats().call(endpoint);
        // before the fault is decided: a call answered by an injected fault still cost its login a call
        String loginId = attribution.loginIdOf(endpoint, call);
        if (loginId != null) {
            state.stats().loginCall(loginId, endpoint);
        }
        Reply reply;
        Faults.Decision fault = state.faults().decide(endpoint);
        if (!state.config().customerId().equalsIgnoreCase(call.segment(1))) {
            reply = Envelopes.error(FlinksCode.UNAUTHORIZED, "Unknown customerId");
        } else if (fault.replacement() != null) {
            reply = fault.replacement();
        } else if ("Attributes".equals(endpoint)) {
            reply = routes.attributes(call);
        } else {
            reply = routes.banking(endpoint, call);
        }
        state.stats().status(endpoint, reply.status());
        if (fault.latencyMs() > 0) {
            Reply r = reply;
            state.scheduler().schedule(() -> send(exchange, r), fault.latencyMs(), TimeUnit.MILLISECONDS);
        } else {
            send(exchange, reply);
        }
    }

    private static Reply notFound() {
        return Envelopes.error(FlinksCode.INVALID_REQUEST, 404, "No such endpoint", null);
    }

    static String[] split(String path) {
        if (path == null) {
            return new String[0];
        }
        String p = path;
        int from = 0;
        int to = p.length();
        while (from < to && p.charAt(from) == '/') from++;
        while (to > from && p.charAt(to - 1) == '/') to--;
        if (from >= to) {
            return new String[0];
        }
        String[] parts = p.substring(from, to).split("/+");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].indexOf('%') >= 0) {
                try {
                    parts[i] = URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    // keep the raw segment; it will simply not match anything
                }
            }
        }
        return parts;
    }

    public static void send(HttpExchange exchange, Reply reply) {
        try {
            Headers h = exchange.getResponseHeaders();
            h.set("Content-Type", reply.contentType());
            reply.headers().forEach(h::set);
            byte[] body = reply.body();
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                OutputStream os = exchange.getResponseBody();
                os.write(body);
            }
        } catch (IOException e) {
            LOG.debug("Client went away before the answer was sent: {}", e.toString());
        } finally {
            exchange.close();
        }
    }
}
