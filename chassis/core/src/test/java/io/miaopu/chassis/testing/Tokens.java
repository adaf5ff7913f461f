package io.miaopu.chassis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Real tokens from the dev Keycloak of deploy/local, for tests. */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    public static String keycloakUrl() {
        return System.getProperty("miaopu.keycloak.url",
                System.getenv().getOrDefault("MIAOPU_KEYCLOAK_URL", "http://127.0.0.1:8180"));
    }

    private static final java.util.Map<String, String[]> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A token of a demo user or machine client (province-platform, exchange-reader), reused for a
     * minute so that a test of many requests does not ask Keycloak for each.
     */
    public static String of(String who) {
        String[] cached = CACHE.get(who);
        long now = System.currentTimeMillis();
        if (cached != null && now - Long.parseLong(cached[1]) < 60_000) {
            return cached[0];
        }
        String token = who.equals("province-platform") || who.equals("exchange-reader") ? client(who) : user(who);
        CACHE.put(who, new String[] {token, String.valueOf(now)});
        return token;
    }

    /** A demo user's access token (password grant of the clerk-portal client; dev realm only). */
    public static String user(String username) {
        String envName = "MIAOPU_PASSWORD_" + username.toUpperCase(Locale.ROOT).replace('-', '_');
        String password = System.getenv().getOrDefault(envName, username);
        return token(Map.of("grant_type", "password", "client_id", "clerk-portal",
                "username", username, "password", password, "scope", "openid"));
    }

    /** A machine client's access token (client-credentials grant). */
    public static String client(String clientId) {
        String envName = "MIAOPU_" + clientId.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET";
        String secret = System.getenv().getOrDefault(envName, clientId + "-secret");
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** The same token with one signature byte changed: well-formed, but its signature no longer verifies. */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x5A;
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** The decoded claims of a token, without verifying it. */
    public static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(keycloakUrl() + "/realms/miaopu/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): "
                        + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + keycloakUrl()
                    + " (start it with ./miaopu infra)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
