package dev.flinkspipeline.flinks.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP against a running sandbox, with the toolbox credentials. */
final class Http {

    record Answer(int status, JsonNode json, String text, HttpResponse<String> response) {}

    final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    final FlinksSandbox sandbox;
    final String api;

    Http(FlinksSandbox sandbox) {
        this.sandbox = sandbox;
        this.api = sandbox.baseUrl() + "/v3/" + sandbox.config().customerId();
    }

    Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r =
                    client.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (ct.startsWith("application/json") && !r.body().isEmpty()) {
                try {
                    json = Json.MAPPER.readTree(r.body());
                } catch (IOException e) {
                    json = null; // malformed on purpose (fault injection)
                }
            }
            return new Answer(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer post(String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    Answer put(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    Answer get(String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    Answer form(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded"));
    }

    // ------------------------------------------------------------ Flinks calls

    String token() {
        Answer a = post(
                api + "/BankingServices/GenerateAuthorizeToken",
                "",
                "flinks-auth-key",
                SandboxConfig.TOOLBOX_SECRET_KEY);
        if (a.status() != 200) {
            throw new IllegalStateException("token: " + a.text());
        }
        return a.json().get("Token").asText();
    }

    Answer authorize(String token, String body) {
        return post(api + "/BankingServices/Authorize", body, "flinks-auth-key", token);
    }

    Answer authorizeCached(String loginId) {
        return authorize(token(), "{\"LoginId\":\"" + loginId + "\",\"MostRecentCached\":true}");
    }

    String requestId(String loginId) {
        Answer a = authorizeCached(loginId);
        if (a.status() != 200) {
            throw new IllegalStateException("authorize: " + a.text());
        }
        return a.json().get("RequestId").asText();
    }

    Answer gad(String body) {
        return post(api + "/BankingServices/GetAccountsDetail", body, "x-api-key", SandboxConfig.TOOLBOX_API_KEY);
    }

    Answer async(String requestId) {
        return get(
                api + "/BankingServices/GetAccountsDetailAsync/" + requestId,
                "x-api-key",
                SandboxConfig.TOOLBOX_API_KEY);
    }

    Answer admin(String method, String path, String body) {
        String url = sandbox.baseUrl() + "/sandbox/admin" + path;
        return switch (method) {
            case "GET" -> get(url);
            case "PUT" -> put(url, body);
            case "POST" -> post(url, body == null ? "" : body);
            case "DELETE" -> send(HttpRequest.newBuilder(URI.create(url)).DELETE());
            default -> throw new IllegalArgumentException(method);
        };
    }
}
