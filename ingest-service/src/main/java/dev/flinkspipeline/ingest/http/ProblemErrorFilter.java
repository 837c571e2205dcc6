package dev.flinkspipeline.ingest.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Errors the servlet container would answer with its own page, answered as problem+json: a path no
 * servlet serves (404), a method a servlet does not implement (405), any other {@code sendError}, and an
 * exception escaping a servlet (500; the log names its class only, messages may quote the request).
 */
@WebFilter(filterName = "problem-errors", urlPatterns = "/*", asyncSupported = true)
public class ProblemErrorFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger log = Logger.getLogger(ProblemErrorFilter.class);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, new ProblemResponse(response));
        } catch (IOException | ServletException | RuntimeException | Error e) {
            log.errorf("request failed in a servlet: %s", e.getClass().getName());
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            Problem.forStatus(500).writeTo(response);
        }
    }

    /** Turns {@code sendError} into a problem body (the container's message is dropped: it may quote input). */
    private static final class ProblemResponse extends HttpServletResponseWrapper {

        ProblemResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            sendError(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            HttpServletResponse response = (HttpServletResponse) getResponse();
            if (response.isCommitted()) {
                throw new IllegalStateException("the response is already committed");
            }
            response.resetBuffer();
            Problem.forStatus(status).writeTo(response);
            response.flushBuffer();
        }
    }
}
