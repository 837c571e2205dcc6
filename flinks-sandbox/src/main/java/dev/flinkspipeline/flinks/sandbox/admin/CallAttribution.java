package dev.flinkspipeline.flinks.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.SandboxState;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.http.Call;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.flinks.sandbox.state.Login;
import dev.flinkspipeline.flinks.sandbox.state.Session;
import java.io.IOException;

/**
 * Which login an API call is for, read from the request alone (no session is touched, nothing is answered),
 * so that the call is counted for its login even when an injected fault answers it instead of the handler.
 * <ul>
 *   <li>Authorize: the MFA round's RequestId, else {@code LoginId}, else the stable loginId of {@code Username};</li>
 *   <li>GetAccountsDetail (body) and GetAccountsDetailAsync (path): the login of the RequestId;</li>
 *   <li>Attributes: the login of the RequestId, else the path's loginId if the sandbox knows that login.</li>
 * </ul>
 * A RequestId is mapped while the sandbox still knows it (expired ones too, until forgotten). An unknown
 * RequestId, an unreadable body and GenerateAuthorizeToken give no login.
 */
public final class CallAttribution {

    private final SandboxState state;

    public CallAttribution(SandboxState state) {
        this.state = state;
    }

    /** The loginId the call is for, or null. */
    public String loginIdOf(String endpoint, Call call) throws IOException {
        return switch (endpoint) {
            case "Authorize" -> authorize(body(call));
            case "GetAccountsDetail" -> loginOfRequest(text(body(call), "RequestId"));
            case "GetAccountsDetailAsync" -> loginOfRequest(call.segment(4));
            case "Attributes" -> attributes(call.segment(4), call.segment(6));
            default -> null;
        };
    }

    private String authorize(JsonNode body) {
        String requestId = text(body, "RequestId");
        JsonNode responses = Json.field(body, "SecurityResponses");
        if (requestId != null && responses != null && !responses.isNull()) {
            return loginOfRequest(requestId);
        }
        String loginId = text(body, "LoginId");
        if (loginId != null && !loginId.isBlank()) {
            return loginId; // an unknown LoginId is counted too, as authorizeByLoginId does
        }
        String username = text(body, "Username");
        return username == null || username.isBlank() ? null : LoginDataGenerator.loginIdForUsername(username);
    }

    private String attributes(String pathLoginId, String requestId) {
        String byRequest = loginOfRequest(requestId);
        if (byRequest != null) {
            return byRequest;
        }
        Login login = state.logins().get(pathLoginId);
        return login == null ? null : login.loginId();
    }

    private String loginOfRequest(String requestId) {
        Session session = state.sessions().find(requestId);
        return session == null ? null : session.login().loginId();
    }

    private static JsonNode body(Call call) throws IOException {
        try {
            return Json.parse(call.body());
        } catch (IllegalArgumentException e) {
            return null; // the handler answers the malformed body
        }
    }

    private static String text(JsonNode body, String name) {
        try {
            return Json.text(body, name);
        } catch (IllegalArgumentException e) {
            return null; // not a string: the handler answers it
        }
    }
}
