package dev.flinkspipeline.ingest.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.Guids;
import dev.flinkspipeline.flinks.client.model.KycWebhook;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.json.DuplicateKeys;
import dev.flinkspipeline.ingest.json.JsonErrors;
import dev.flinkspipeline.ingest.json.JsonPaths;
import dev.flinkspipeline.ingest.json.UnpairedSurrogates;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a Flinks webhook body in two passes over its bytes, neither building a tree of the document.
 * {@link #scan} streams every token once: it refuses a document that cannot be read back unchanged (a key
 * given twice in one object: which value would Flinks mean?; bytes that are not UTF-8) and finds strings that
 * are not valid Unicode (Avro would replace them), what the webhook is and which login it names. {@link #accountsDetail} then
 * binds the body to flinks-client's model, as the client reads the same payloads from the API.
 */
public final class WebhookParser {

    static final int MAX_RESPONSE_TYPE_LENGTH = 100;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern FLINKS_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    // The body is already bounded by the edge's limit; Jackson's 20 MB string cap would refuse a
    // legitimate Base64 statement inside that limit. Duplicate keys: see DuplicateKeys.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();
    private static final ObjectReader ACCOUNTS_DETAIL = FlinksJson.readerFor(AccountsDetailResponse.class);
    private static final ObjectReader KYC = FlinksJson.readerFor(KycWebhook.class);

    /**
     * The head of {@code body}; {@link WebhookHead#NOT_AN_OBJECT} for well-formed JSON that is no object.
     *
     * @throws InvalidInputException (400) {@code malformed-json} (syntax, truncation, empty body, trailing
     *         tokens, parser limits), {@code duplicate-key}, or {@code invalid-unicode} (bad UTF-8, an
     *         unpaired surrogate in a key Jackson decodes itself)
     */
    public WebhookHead scan(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            Scan scan = new Scan();
            JsonToken first = scan.next(p);
            if (first == null) {
                throw InvalidInputException.badRequest("malformed-json", "empty body", "The body is empty.");
            }
            if (first == JsonToken.START_OBJECT) {
                scan.top(p);
            } else {
                scan.skip(p, first);
            }
            if (p.nextToken() != null) {
                throw JsonErrors.malformed(new JsonParseException(p, "Trailing token"));
            }
            return first == JsonToken.START_OBJECT ? scan.head() : WebhookHead.NOT_AN_OBJECT;
        } catch (JsonProcessingException e) {
            throw JsonErrors.malformed(e);
        } catch (IOException e) {
            throw InvalidInputException.badRequest("malformed-json", "unreadable body", "The body cannot be read.");
        }
    }

    /**
     * A {@code GetAccountsDetail} body (already {@link #scan scanned}) as flinks-client's model.
     *
     * @throws InvalidInputException (422 {@code invalid-payload}) for a value of the wrong type, naming its path
     */
    public AccountsDetailResponse accountsDetail(byte[] body) {
        return read(ACCOUNTS_DETAIL, body);
    }

    /** A {@code KYC} body (already {@link #scan scanned}) as flinks-client's model; fails as {@link #accountsDetail}. */
    public KycWebhook kyc(byte[] body) {
        return read(KYC, body);
    }

    private static <T> T read(ObjectReader reader, byte[] body) {
        try {
            return reader.readValue(body);
        } catch (DatabindException e) {
            throw invalid(path(e), problem(e));
        } catch (JsonProcessingException e) {
            String path =
                    e.getProcessor() instanceof JsonParser parser ? JsonPaths.of(parser.getParsingContext(), true) : "";
            throw invalid(path, problem(e));
        } catch (IOException e) {
            throw invalid("", "cannot be read");
        }
    }

    private static String path(DatabindException e) {
        String path = "";
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference r : mapping.getPath()) {
                path = r.getFieldName() != null
                        ? JsonPaths.child(path, r.getFieldName())
                        : JsonPaths.element(path, r.getIndex());
            }
        }
        return path;
    }

    /** What the value should have been; Jackson's own message quotes the value, which may be personal data. */
    private static String problem(Throwable e) {
        Class<?> type = null;
        for (Throwable t = e; t != null && type == null; t = t.getCause()) {
            if (t instanceof MismatchedInputException m) {
                type = m.getTargetType();
            } else if (t instanceof InputCoercionException c) {
                type = c.getTargetType();
            }
        }
        if (type == null) {
            return "has a value of the wrong type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be an integer";
        }
        if (type == BigDecimal.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be a boolean";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == LocalDate.class) {
            return "is not a date (yyyy-MM-dd)";
        }
        if (type == Instant.class) {
            return "is not an ISO-8601 date-time";
        }
        return Collection.class.isAssignableFrom(type) ? "must be an array" : "must be an object";
    }

    private static InvalidInputException invalid(String path, String problem) {
        return InvalidInputException.unprocessable(
                "invalid-payload",
                "payload field is invalid",
                (path.isEmpty() ? "The document" : path) + " " + problem + ".");
    }

    /** One pass over a webhook document, collecting its head; the last of keys differing only in case wins. */
    private static final class Scan {

        private final DuplicateKeys keys = new DuplicateKeys();
        private String responseType;
        private Integer httpStatus;
        private boolean httpStatusInvalid;
        private String loginId;
        private String requestId;
        private String tag;
        private String flinksCode;
        private String unpairedSurrogate;

        WebhookHead head() {
            return new WebhookHead(
                    true,
                    responseType,
                    httpStatus,
                    httpStatusInvalid,
                    loginId,
                    requestId,
                    tag,
                    flinksCode,
                    unpairedSurrogate);
        }

        /**
         * The next token, checked: every key against its object's others, every key and string for unpaired
         * surrogates (decoded into the parser's own buffer: no String per value).
         */
        JsonToken next(JsonParser p) throws IOException {
            JsonToken token = p.nextToken();
            if (token == JsonToken.FIELD_NAME) {
                if (keys.seenBefore(p.getParsingContext().getNestingDepth(), p.currentName())) {
                    throw new JsonParseException(p, "Duplicate field '" + p.currentName() + "'");
                }
                checkUnicode(p);
            } else if (token == JsonToken.VALUE_STRING) {
                checkUnicode(p);
            } else if (token == JsonToken.START_OBJECT) {
                keys.objectStarts(p.getParsingContext().getNestingDepth());
            }
            return token;
        }

        /** The top-level object, its START_OBJECT read. */
        void top(JsonParser p) throws IOException {
            while (next(p) == JsonToken.FIELD_NAME) {
                String name = p.currentName().toLowerCase(Locale.ROOT);
                JsonToken value = next(p);
                switch (name) {
                    case "responsetype" ->
                        responseType = value == JsonToken.VALUE_STRING ? sanitize(p.getText()) : null;
                    case "httpstatuscode" -> status(p, value);
                    case "requestid" ->
                        requestId = value == JsonToken.VALUE_STRING
                                        && IDENTIFIER.matcher(p.getText()).matches()
                                ? p.getText()
                                : null;
                    case "tag" -> tag = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "flinkscode" ->
                        flinksCode = value == JsonToken.VALUE_STRING
                                        && FLINKS_CODE.matcher(p.getText()).matches()
                                ? p.getText()
                                : null;
                    case "login" -> login(p, value);
                    default -> skip(p, value);
                }
            }
        }

        private void status(JsonParser p, JsonToken value) throws IOException {
            httpStatus = null;
            httpStatusInvalid = false;
            if (value == JsonToken.VALUE_NULL) {
                return;
            }
            if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                httpStatus = p.getIntValue();
                return;
            }
            if (value == JsonToken.VALUE_STRING) {
                try {
                    httpStatus = Integer.valueOf(p.getText().trim());
                    return;
                } catch (NumberFormatException e) {
                    // not an integer: below
                }
            }
            httpStatusInvalid = true;
            skip(p, value);
        }

        private void login(JsonParser p, JsonToken value) throws IOException {
            loginId = null;
            if (value != JsonToken.START_OBJECT) {
                skip(p, value);
                return;
            }
            while (next(p) == JsonToken.FIELD_NAME) {
                boolean id = p.currentName().equalsIgnoreCase("Id");
                JsonToken v = next(p);
                if (id) {
                    String text = v == JsonToken.VALUE_STRING ? p.getText().trim() : null;
                    loginId = Guids.isGuid(text) ? Guids.normalize(text) : null;
                } else {
                    skip(p, v);
                }
            }
        }

        /** Skips the value starting at {@code token} (already checked), checking every token in it. */
        void skip(JsonParser p, JsonToken token) throws IOException {
            if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                return;
            }
            for (int depth = 1; depth > 0; ) {
                JsonToken t = next(p);
                if (t == null) {
                    throw new JsonParseException(p, "Unexpected end of input");
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        }

        private void checkUnicode(JsonParser p) throws IOException {
            if (unpairedSurrogate == null
                    && !UnpairedSurrogates.valid(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
                unpairedSurrogate = JsonPaths.of(p.getParsingContext(), true);
            }
        }

        private static String sanitize(String value) {
            String text = value.trim();
            StringBuilder clean = new StringBuilder();
            for (int i = 0; i < text.length() && clean.length() < MAX_RESPONSE_TYPE_LENGTH; i++) {
                char c = text.charAt(i);
                clean.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
            return clean.isEmpty() ? null : clean.toString();
        }
    }
}
