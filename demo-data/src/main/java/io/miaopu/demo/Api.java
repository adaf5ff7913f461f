package io.miaopu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The only doors the loader uses: the gateway and Keycloak's token endpoint. Every call is made as a
 * demo user or the provincial platform; a 429 waits its Retry-After, a 503 (service or breaker) and a
 * lost connection are tried again, and a caller whose bucket runs low slows down before it is empty.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    /** A demo user (password grant, client clerk-portal) or a machine client (client credentials). */
    static final class Actor {
        final String name;
        final String secret;
        final boolean machine;
        private String token;
        private Instant renewAt = Instant.MIN;
        private volatile long slowUntil;

        Actor(String name, String secret, boolean machine) {
            this.name = name;
            this.secret = secret;
            this.machine = machine;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Reply(int status, String body, HttpResponse<String> response) {

        JsonNode json() {
            try {
                return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem's field errors as "field: message" lines. */
        String problem() {
            JsonNode p = json();
            StringBuilder text = new StringBuilder(status + " " + p.path("title").asText("") + ": " + p.path("detail").asText(body));
            for (JsonNode e : p.path("errors")) {
                text.append(" [").append(e.path("field").asText()).append(": ").append(e.path("message").asText()).append(']');
            }
            return text.toString();
        }

        /** Whether a field error names this field with this message (part). */
        boolean fieldError(String field, String message) {
            for (JsonNode e : json().path("errors")) {
                if (field.equals(e.path("field").asText()) && e.path("message").asText().contains(message)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A request that did not get a usable answer in time. */
    static final class ApiException extends RuntimeException {
        ApiException(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final String gateway;
    private final String tokenUrl;
    int requests;
    int throttled;

    Api(String gateway, String tokenUrl) {
        this.gateway = gateway.replaceAll("/+$", "");
        this.tokenUrl = tokenUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "demo-http");
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    String gateway() {
        return gateway;
    }

    // ---- tokens -------------------------------------------------------------------------------------------------

    /** A valid access token for the actor, fetched again 30 s before it expires. */
    String token(Actor actor) {
        synchronized (actor) {
            if (actor.token != null && Instant.now().isBefore(actor.renewAt)) {
                return actor.token;
            }
            Map<String, String> form = new LinkedHashMap<>();
            if (actor.machine) {
                form.put("grant_type", "client_credentials");
                form.put("client_id", actor.name);
                form.put("client_secret", actor.secret);
            } else {
                form.put("grant_type", "password");
                form.put("client_id", "clerk-portal");
                form.put("username", actor.name);
                form.put("password", actor.secret);
            }
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(15))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        JsonNode t = JSON.readTree(r.body());
                        actor.token = t.path("access_token").asText();
                        actor.renewAt = Instant.now().plusSeconds(Math.max(10, t.path("expires_in").asLong(300) - 30));
                        return actor.token;
                    }
                    if (r.statusCode() < 500 || Instant.now().isAfter(deadline)) {
                        throw new ApiException("no token for " + actor.name + ": " + r.statusCode() + " " + r.body());
                    }
                } catch (IOException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new ApiException("Keycloak unreachable at " + tokenUrl + ": " + e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ApiException("interrupted");
                }
                sleep(1000);
            }
        }
    }

    // ---- requests -----------------------------------------------------------------------------------------------

    Reply get(Actor actor, String path) {
        return send(actor, "GET", path, null, null, Map.of());
    }

    Reply post(Actor actor, String path, Object body) {
        return post(actor, path, body, Map.of());
    }

    Reply post(Actor actor, String path, Object body, Map<String, String> headers) {
        try {
            return send(actor, "POST", path, "application/json", JSON.writeValueAsString(body), headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Reply put(Actor actor, String path, Object body, Map<String, String> headers) {
        try {
            return send(actor, "PUT", path, "application/json", JSON.writeValueAsString(body), headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every item of a paged list ({items, page, size, total}), 500 at a time. */
    List<JsonNode> all(Actor actor, String path) {
        List<JsonNode> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            Reply r = get(actor, path + separator + "size=500&page=" + page);
            if (!r.ok()) {
                throw new ApiException("GET " + path + ": " + r.problem());
            }
            JsonNode json = r.json();
            json.path("items").forEach(items::add);
            if (json.path("items").size() < 500 || (long) (page + 1) * 500 >= json.path("total").asLong()) {
                return items;
            }
        }
    }

    Reply send(Actor actor, String method, String path, String contentType, String body, Map<String, String> headers) {
        Instant deadline = Instant.now().plus(GIVE_UP);
        boolean renewed = false;
        int failures = 0;
        while (true) {
            long wait = actor.slowUntil - System.currentTimeMillis();
            if (wait > 0) {
                sleep(wait);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token(actor)).header("Accept", "application/json, application/problem+json");
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
            String problem;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                synchronized (this) {
                    requests++;
                }
                int status = response.statusCode();
                pace(actor, response);
                if (status == 401 && !renewed) {
                    renewed = true;
                    synchronized (actor) {
                        actor.renewAt = Instant.MIN;
                    }
                    continue;
                }
                boolean safe = "GET".equals(method);
                if ((status == 502 || status == 504) && (!safe || ++failures > 5)) {
                    // A write may have been applied before the upstream failed or timed out: the caller checks.
                    return new Reply(status, response.body(), response);
                }
                if (status == 429 || status == 502 || status == 503 || status == 504) {
                    long seconds = response.headers().firstValue("Retry-After").map(Api::seconds).orElse(1L);
                    if (status == 429) {
                        synchronized (this) {
                            throttled++;
                        }
                        actor.slowUntil = System.currentTimeMillis() + seconds * 1000;
                    } else {
                        sleep(Math.max(1, Math.min(seconds, 5)) * 1000);
                    }
                    problem = status + " " + response.body();
                } else {
                    return new Reply(status, response.body(), response);
                }
            } catch (IOException e) {
                boolean notSent = e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException;
                if (!"GET".equals(method) && !notSent) {
                    throw new ApiException(method + " " + path + ": " + e + " (it may have been applied; run again to check)");
                }
                problem = e.toString();
                sleep(Math.min(5000, 500L << Math.min(failures++, 4)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException("interrupted");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ApiException(method + " " + path + " gave no answer in " + GIVE_UP.toMinutes() + " min: " + problem);
            }
        }
    }

    /** Slows a caller whose bucket runs low: the gateway refills it at its rate, so wait for a few tokens. */
    private static void pace(Actor actor, HttpResponse<String> response) {
        long remaining = response.headers().firstValue("RateLimit-Remaining").map(Api::seconds).orElse(Long.MAX_VALUE);
        long limit = response.headers().firstValue("RateLimit-Limit").map(Api::seconds).orElse(0L);
        long reset = response.headers().firstValue("RateLimit-Reset").map(Api::seconds).orElse(1L);
        if (remaining < 8 && limit > 0) {
            // Refill rate ≈ what is missing ÷ the seconds until full: wait for about five tokens.
            double perSecond = Math.max(1.0, (limit - remaining) / (double) Math.max(1, reset));
            actor.slowUntil = Math.max(actor.slowUntil, System.currentTimeMillis() + (long) (5_000 / perSecond));
        }
    }

    private static long seconds(String value) {
        try {
            return Math.max(0, (long) Math.ceil(Double.parseDouble(value.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted");
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
