package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.ingest.edge.PreReadBody;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Hands the body the edge read ({@link PreReadBody}) to the servlet as a request attribute, and gives its
 * bytes back to the body budget once the answer is written: when the servlet returns, or, when it went
 * async (waiting for Kafka), when the async context completes, fails or times out.
 */
@WebFilter(filterName = "pre-read-body", urlPatterns = "/*", asyncSupported = true)
public class PreReadBodyFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    CurrentVertxRequest currentRequest;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RoutingContext routing = currentRequest.getCurrent();
        PreReadBody body = routing == null ? null : routing.get(PreReadBody.KEY);
        if (body == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(PreReadBody.KEY, body);
        ReleasingRequest releasing = new ReleasingRequest(request, body);
        try {
            chain.doFilter(releasing, response);
        } finally {
            if (!releasing.wentAsync) {
                body.release();
            }
        }
    }

    /** Registers the release as soon as the servlet goes async, before any answer can complete it. */
    private static final class ReleasingRequest extends HttpServletRequestWrapper {
        private final PreReadBody body;
        private boolean wentAsync;

        ReleasingRequest(HttpServletRequest request, PreReadBody body) {
            super(request);
            this.body = body;
        }

        @Override
        public AsyncContext startAsync() {
            AsyncContext context = super.startAsync();
            wentAsync = true;
            context.addListener(new Releasing(body));
            return context;
        }
    }

    private record Releasing(PreReadBody body) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            body.release();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            body.release();
        }

        @Override
        public void onError(AsyncEvent event) {
            body.release();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
