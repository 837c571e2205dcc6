package dev.flinkspipeline.ingest.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.flow.FlowNames;
import dev.flinkspipeline.ingest.json.JsonErrors;
import dev.flinkspipeline.ingest.security.TagSigner;
import java.io.IOException;

/**
 * The body of {@code POST /connect/sessions}: who the session is for and the Connect options.
 *
 * @param userReference           the application's reference of its user (required; bound into the signed tag)
 * @param language                {@code en} or {@code fr} (default: Connect's)
 * @param accountSelector         show the account selection step
 * @param accountSelectorMultiple allow several accounts in it
 * @param daysOfTransactions      {@code Days90} or {@code Days365}
 * @param demo                    show the FlinksCapital test institution (toolbox, sandbox)
 * @param flow                    {@code standard} or {@code webhook}; absent = the deployment default
 */
public record SessionRequest(
        String userReference,
        String language,
        Boolean accountSelector,
        Boolean accountSelectorMultiple,
        String daysOfTransactions,
        Boolean demo,
        String flow) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** Parses and validates; {@link InvalidInputException} names the offending field. */
    public static SessionRequest parse(byte[] body) {
        SessionRequest request;
        try {
            request = JSON.readValue(body, SessionRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw invalid("Unknown field '" + safe(e.getPropertyName()) + "'.");
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty()
                    ? null
                    : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw invalid(
                    field == null
                            ? "The body must be a JSON object."
                            : "Field '" + safe(field) + "' has the wrong type.");
        } catch (JsonProcessingException e) {
            throw JsonErrors.malformed(e);
        } catch (IOException e) {
            throw invalid("The body cannot be read.");
        }
        if (request == null) {
            throw invalid("The body must be a JSON object.");
        }
        request.validate();
        return request;
    }

    private void validate() {
        try {
            TagSigner.validateUserReference(userReference);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage() + ".");
        }
        if (language != null && !language.equals("en") && !language.equals("fr")) {
            throw invalid("language must be 'en' or 'fr'.");
        }
        if (daysOfTransactions != null
                && !daysOfTransactions.equals("Days90")
                && !daysOfTransactions.equals("Days365")) {
            throw invalid("daysOfTransactions must be 'Days90' or 'Days365'.");
        }
        if (flow != null) {
            try {
                FlowNames.parse(flow);
            } catch (IllegalArgumentException e) {
                throw invalid("flow must be 'standard' or 'webhook'.");
            }
        }
    }

    /** The session's flow: the one requested, else {@code defaultFlow}. */
    public FlinksFlow flowOr(FlinksFlow defaultFlow) {
        return flow == null ? defaultFlow : FlowNames.parse(flow);
    }

    private static String safe(String field) {
        if (field == null) {
            return "?";
        }
        String f = field.length() > 40 ? field.substring(0, 40) : field;
        return f.replaceAll("[^A-Za-z0-9_.-]", "?");
    }

    private static InvalidInputException invalid(String detail) {
        return InvalidInputException.badRequest("invalid-session-request", "invalid session request", detail);
    }

    @Override
    public String toString() {
        return "SessionRequest[language=" + language + ", demo=" + demo + ", flow=" + flow + "]";
    }
}
