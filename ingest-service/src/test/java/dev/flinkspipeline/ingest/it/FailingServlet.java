package dev.flinkspipeline.ingest.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test only ({@code src/test} classes are part of the application under {@code @QuarkusTest}): a servlet
 * that fails the way a defect would, so that the 500 it leads to can be checked over HTTP.
 */
@WebServlet(name = "failing", urlPatterns = "/test/fail")
public class FailingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        if ("oom".equals(request.getParameter("error"))) {
            throw new OutOfMemoryError("Java heap space (thrown by the test servlet)");
        }
        throw new IllegalStateException("a defect (thrown by the test servlet)");
    }
}
