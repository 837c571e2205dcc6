package dev.flinkspipeline.flinks.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.json.Json;

/** Error and pending envelopes of flinks-api.md 3.4 and 4.3. */
public final class Envelopes {

    private Envelopes() {}

    public static Reply error(FlinksCode code) {
        return error(code, code.httpStatus(), code.message().replace("%s", ""), null);
    }

    public static Reply error(FlinksCode code, String message) {
        return error(code, code.httpStatus(), message, null);
    }

    public static Reply error(FlinksCode code, int status, String message, String requestId) {
        ObjectNode body = Json.object();
        body.put("HttpStatusCode", status);
        body.put("Message", message);
        body.put("FlinksCode", code.name());
        if (requestId != null) {
            body.put("RequestId", requestId);
        }
        return Reply.json(status, body);
    }

    public static Reply session(FlinksCode code, String requestId) {
        return error(code, code.httpStatus(), String.format(code.message(), requestId), null);
    }

    /** The 202 OPERATION_PENDING body; precomputed once per session since it is what pollers hammer. */
    public static byte[] pending(String requestId, String asyncEndpoint) {
        ObjectNode body = Json.object();
        body.put("HttpStatusCode", 202);
        body.put("FlinksCode", FlinksCode.OPERATION_PENDING.name());
        body.put("Message", FlinksCode.OPERATION_PENDING.message());
        ObjectNode link = body.putArray("Links").addObject();
        link.put("rel", asyncEndpoint);
        link.put("href", "/" + asyncEndpoint);
        link.put("example", "/" + asyncEndpoint + "/" + requestId);
        body.put("RequestId", requestId);
        return Json.bytes(body);
    }
}
