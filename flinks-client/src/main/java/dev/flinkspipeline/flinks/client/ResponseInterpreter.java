package dev.flinkspipeline.flinks.client;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkspipeline.flinks.client.http.DeadlineExceededException;
import dev.flinkspipeline.flinks.client.http.Redactor;
import dev.flinkspipeline.flinks.client.http.ResponseTooLargeException;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.SecurityChallenge;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns one HTTP exchange (or its failure) into a {@link FlinksResult}. Pure: no I/O, no state.
 * Messages describe what arrived (status, content type, size, where JSON broke) but never echo body
 * values, which could be personal data, and pass through the {@link Redactor}.
 */
final class ResponseInterpreter {

    private static final int MAX_SERVER_MESSAGE = 300;

    private final ObjectMapper mapper = FlinksJson.mapper();
    private final Redactor redactor;

    ResponseInterpreter(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Parses a 200 body into the model. */
    @FunctionalInterface
    interface BodyParser<T> {
        T parse(byte[] body) throws IOException;
    }

    /** A body that is valid JSON but lacks what the answer must carry; the message names what is missing. */
    static final class InvalidAnswerException extends IOException {
        InvalidAnswerException(String message) {
            super(message);
        }
    }

    /** Who asked what: used in messages and to fill in the RequestId when the answer lacks it. */
    record Call(FlinksOperation operation, String endpoint, String requestId, String modelName, String token) {}

    <T> FlinksResult<T> interpret(Call call, int status, HttpHeaders headers, byte[] body, BodyParser<T> parser) {
        String contentType = headers.firstValue("content-type").orElse("no content type");
        if (status == 200) {
            return parseData(call, status, contentType, body, parser);
        }
        if (status == 202) {
            return pending(call, status, contentType, body);
        }
        if (status == 203) {
            return mfa(call, status, contentType, body);
        }
        return error(call, status, headers, contentType, body);
    }

    private <T> FlinksResult<T> parseData(
            Call call, int status, String contentType, byte[] body, BodyParser<T> parser) {
        String problem = jsonProblem(body, contentType);
        if (problem != null) {
            return malformed(call, status, problem);
        }
        try {
            T value = parser.parse(body);
            if (value == null) {
                return malformed(call, status, "with a JSON null instead of " + call.modelName());
            }
            return new FlinksResult.Data<>(value, status, body);
        } catch (IOException | RuntimeException e) {
            return malformed(
                    call,
                    status,
                    "with a body that is not a valid " + call.modelName() + ": " + diagnose(body, e) + " ("
                            + contentType + ", " + body.length + " bytes)");
        }
    }

    private <T> FlinksResult<T> pending(Call call, int status, String contentType, byte[] body) {
        JsonNode envelope = envelope(body);
        if (envelope == null) {
            String problem = jsonProblem(body, contentType);
            return malformed(
                    call,
                    status,
                    problem != null
                            ? problem
                            : "with a body that is not a JSON object (" + contentType + ", " + body.length + " bytes)");
        }
        String code = text(envelope, "FlinksCode");
        String requestId = text(envelope, "RequestId");
        return new FlinksResult.Pending<>(
                code == null ? null : FlinksCodes.normalize(code),
                requestId != null ? requestId : call.requestId(),
                serverMessage(envelope, call));
    }

    private <T> FlinksResult<T> mfa(Call call, int status, String contentType, byte[] body) {
        JsonNode envelope = envelope(body);
        if (envelope == null) {
            String problem = jsonProblem(body, contentType);
            return malformed(
                    call,
                    status,
                    problem != null
                            ? problem
                            : "with a body that is not a JSON object (" + contentType + ", " + body.length + " bytes)");
        }
        String requestId = text(envelope, "RequestId");
        JsonNode challengesNode = field(envelope, "SecurityChallenges");
        if (requestId == null || challengesNode == null || !challengesNode.isArray()) {
            return malformed(
                    call,
                    status,
                    "with an MFA answer lacking RequestId or SecurityChallenges (" + contentType + ", " + body.length
                            + " bytes)");
        }
        List<SecurityChallenge> challenges = new ArrayList<>();
        try {
            for (JsonNode node : challengesNode) {
                challenges.add(mapper.treeToValue(node, SecurityChallenge.class));
            }
        } catch (IOException | RuntimeException e) {
            return malformed(call, status, "with SecurityChallenges that do not parse: " + describe(e));
        }
        return new FlinksResult.MfaChallenge<>(requestId, challenges, text(envelope, "Institution"));
    }

    private <T> FlinksResult<T> error(Call call, int status, HttpHeaders headers, String contentType, byte[] body) {
        Duration retryAfter = retryAfter(headers);
        JsonNode envelope = envelope(body);
        String code = envelope == null ? null : text(envelope, "FlinksCode");
        String requestId = envelope == null ? null : text(envelope, "RequestId");
        if (requestId == null) {
            requestId = call.requestId();
        }
        if (code != null) {
            String normalized = FlinksCodes.normalize(code);
            String message = call.endpoint() + " answered HTTP " + status + " " + normalized
                    + suffix(serverMessage(envelope, call));
            return failure(
                    call,
                    FlinksCodes.classify(normalized, status),
                    FailureKind.FLINKS_ERROR,
                    normalized,
                    status,
                    message,
                    requestId,
                    retryAfter);
        }
        String detail;
        if (envelope != null) {
            detail = " without a FlinksCode" + suffix(serverMessage(envelope, call));
        } else {
            String problem = jsonProblem(body, contentType);
            detail = " "
                    + (problem != null
                            ? problem
                            : "with a JSON body that is not an object (" + contentType + ", " + body.length
                                    + " bytes)");
        }
        FailureKind kind = status >= 200 && status < 300 ? FailureKind.MALFORMED_RESPONSE : FailureKind.HTTP_ERROR;
        return failure(
                call,
                FlinksCodes.classifyStatus(status),
                kind,
                null,
                status,
                call.endpoint() + " answered HTTP " + status + detail,
                requestId,
                retryAfter);
    }

    /** A failure for an exchange that produced no usable answer. */
    <T> FlinksResult.Failure<T> fromThrowable(
            Call call,
            URI uri,
            Throwable thrown,
            boolean deadlineFired,
            Duration requestTimeout,
            Duration connectTimeout) {
        Throwable t = unwrap(thrown);
        ResponseTooLargeException tooLarge = find(t, ResponseTooLargeException.class);
        if (tooLarge != null) {
            // Deterministic: the same request would get the same oversized answer.
            return failure(
                    call,
                    FailureClass.TERMINAL,
                    FailureKind.RESPONSE_TOO_LARGE,
                    null,
                    tooLarge.httpStatus(),
                    call.endpoint() + " answered HTTP " + tooLarge.httpStatus() + " with a body over the "
                            + tooLarge.limit() + "-byte limit"
                            + (tooLarge.declaredLength() >= 0
                                    ? " (declared " + tooLarge.declaredLength() + " bytes)"
                                    : "")
                            + "; it was abandoned unread (raise maxResponseBytes if it is legitimate)",
                    call.requestId(),
                    null);
        }
        if (find(t, HttpConnectTimeoutException.class) != null) {
            return failure(
                    call,
                    FailureClass.RETRY_LATER,
                    FailureKind.CONNECT_TIMEOUT,
                    null,
                    0,
                    call.endpoint() + " could not connect to " + hostPort(uri) + " within " + connectTimeout,
                    call.requestId(),
                    null);
        }
        if (deadlineFired
                || find(t, DeadlineExceededException.class) != null
                || find(t, HttpTimeoutException.class) != null) {
            return failure(
                    call,
                    FailureClass.RETRY_LATER,
                    FailureKind.TIMEOUT,
                    null,
                    0,
                    call.endpoint() + " got no complete answer from " + hostPort(uri) + " within " + requestTimeout,
                    call.requestId(),
                    null);
        }
        if (find(t, ConnectException.class) != null) {
            return failure(
                    call,
                    FailureClass.RETRY_LATER,
                    FailureKind.TRANSPORT,
                    null,
                    0,
                    call.endpoint() + " could not connect to " + hostPort(uri) + " (" + describeCause(t) + ")",
                    call.requestId(),
                    null);
        }
        if (t instanceof CancellationException) {
            return failure(
                    call,
                    FailureClass.RETRY_LATER,
                    FailureKind.TRANSPORT,
                    null,
                    0,
                    call.endpoint() + " was cancelled before an answer arrived",
                    call.requestId(),
                    null);
        }
        return failure(
                call,
                FailureClass.RETRY_LATER,
                FailureKind.TRANSPORT,
                null,
                0,
                call.endpoint() + " failed talking to " + hostPort(uri) + " (" + describeCause(t) + ")",
                call.requestId(),
                null);
    }

    /** A failure for a bug or surprise inside the client itself: still classified, never thrown. */
    <T> FlinksResult.Failure<T> unexpected(Call call, int status, Throwable t) {
        return failure(
                call,
                FailureClass.RETRY_LATER,
                FailureKind.MALFORMED_RESPONSE,
                null,
                status,
                call.endpoint() + " answer could not be handled ("
                        + t.getClass().getSimpleName() + ")",
                call.requestId(),
                null);
    }

    private <T> FlinksResult.Failure<T> malformed(Call call, int status, String problem) {
        return failure(
                call,
                FailureClass.RETRY_LATER,
                FailureKind.MALFORMED_RESPONSE,
                null,
                status,
                call.endpoint() + " answered HTTP " + status + " " + problem,
                call.requestId(),
                null);
    }

    private <T> FlinksResult.Failure<T> failure(
            Call call,
            FailureClass failureClass,
            FailureKind kind,
            String code,
            int status,
            String message,
            String requestId,
            Duration retryAfter) {
        return new FlinksResult.Failure<>(
                call.operation(),
                failureClass,
                kind,
                code,
                status,
                redactor.redact(message, call.token()),
                requestId,
                retryAfter);
    }

    /**
     * Why a body cannot be JSON at all (empty, or not starting like JSON), or null when it might be.
     * Phrased to follow "answered HTTP nnn".
     */
    private static String jsonProblem(byte[] body, String contentType) {
        int first = firstNonWhitespace(body);
        if (first < 0) {
            return body.length == 0 ? "with an empty body" : "with a blank body (" + body.length + " bytes)";
        }
        byte b = body[first];
        if (b != '{' && b != '[') {
            return "with a non-JSON body (" + contentType + ", " + body.length + " bytes)";
        }
        return null;
    }

    private static int firstNonWhitespace(byte[] body) {
        int i = 0;
        // Skip a UTF-8 byte order mark.
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        for (; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return i;
            }
        }
        return -1;
    }

    /** The body as a JSON object, or null when it is not one. */
    private JsonNode envelope(byte[] body) {
        if (jsonProblem(body, "") != null) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A field by name, case-insensitively (Flinks' casing is not guaranteed). */
    private static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode object, String name) {
        JsonNode node = field(object, name);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private String serverMessage(JsonNode envelope, Call call) {
        String message = text(envelope, "Message");
        if (message == null) {
            return null;
        }
        message = message.replaceAll("[\\r\\n\\t]+", " ");
        if (message.length() > MAX_SERVER_MESSAGE) {
            message = message.substring(0, MAX_SERVER_MESSAGE) + "...";
        }
        return redactor.redact(message, call.token());
    }

    private static String suffix(String serverMessage) {
        return serverMessage == null ? "" : ": " + serverMessage;
    }

    private static Duration retryAfter(HttpHeaders headers) {
        return headers.firstValue("retry-after")
                .map(String::trim)
                .filter(v -> v.matches("\\d{1,9}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .orElse(null);
    }

    /**
     * Why binding failed: JSON syntax (found by re-reading the tokens, only on this failure path) or a value
     * of the wrong type. Data binding alone reports a truncated string as a type problem.
     */
    private String diagnose(byte[] body, Throwable bindingError) {
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            while (parser.nextToken() != null) {
                // only the syntax matters here
            }
        } catch (IOException syntax) {
            return describe(syntax);
        }
        return describe(bindingError);
    }

    /** Where JSON broke, without quoting body content. */
    static String describe(Throwable e) {
        if (e instanceof InvalidAnswerException invalid) {
            return invalid.getMessage();
        }
        if (e instanceof JsonEOFException eof) {
            return "truncated JSON (input ended at byte " + eof.getLocation().getByteOffset() + ")";
        }
        if (e instanceof JsonParseException parse) {
            return "invalid JSON at line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr();
        }
        if (e instanceof JsonMappingException jme) {
            String path = path(jme);
            Throwable cause = jme.getCause();
            return "a value of the wrong type or format at " + (path.isEmpty() ? "the top level" : path)
                    + (cause != null && !(cause instanceof JsonProcessingException)
                            ? " (" + cause.getClass().getSimpleName() + ")"
                            : "");
        }
        return e.getClass().getSimpleName();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describeCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = t.getMessage();
        String name = t.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            message = root.getMessage();
            if (root != t) {
                name = name + "/" + root.getClass().getSimpleName();
            }
        }
        return message == null || message.isBlank() ? name : name + ": " + message;
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static <E extends Throwable> E find(Throwable t, Class<E> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
