package io.miaopu.gateway.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.gateway.protection.CircuitBreaker;
import io.miaopu.gateway.protection.RateLimiter;
import org.eclipse.microprofile.jwt.JsonWebToken;
import io.miaopu.chassis.problem.ProblemMappers;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.problem.VertxProblems;
import io.miaopu.gateway.authentication.VerifiedTokens;
import io.miaopu.gateway.config.GatewayConfig;
import io.miaopu.gateway.routing.RouteTable;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.ConnectException;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The one door: every /api/... request is matched to its owning service by the route table,
 * authenticated (Keycloak token verified here, then forwarded so the service verifies it too),
 * authorized by the route's roles, and forwarded with a request id.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /** Hop-by-hop headers (RFC 9110 §7.6.1) are never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
            // what the caller says about addresses is never passed on: the gateway sets X-Forwarded-* itself
            "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port",
            "x-forwarded-prefix", "x-real-ip");

    /** Paths the router would normalize differently from an upstream: refused rather than guessed. */
    private static final java.util.regex.Pattern SUSPICIOUS_PATH = java.util.regex.Pattern.compile(
            "(^|/)\\.{1,2}(/|$)|%2[eEfF]|%5[cC]|\\\\|//");

    private static final Logger ACCESS = Logger.getLogger("miaopu.gateway.access");
    private static final String STARTED_KEY = "miaopu.started";
    private static final String ROUTE_KEY = "miaopu.route";
    private static final String CLIENT_KEY = "miaopu.client";

    private final GatewayConfig config;
    private final RouteTable routes;
    private final VertxProblems problems;
    private final RateLimiter limiter;
    private final ObjectMapper json;
    private final VerifiedTokens verifiedTokens;
    private final Map<String, HttpClient> clients = new HashMap<>();
    private final Map<String, CircuitBreaker> breakers = new HashMap<>();
    private final Map<Long, BodyHandler> bodyHandlers = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String BODY_LIMIT_KEY = "miaopu.body-limit";

    public ProxyRoutes(GatewayConfig config, RouteTable routes, VertxProblems problems, Vertx vertx, RateLimiter limiter,
                       ObjectMapper json, VerifiedTokens verifiedTokens) {
        this.config = config;
        this.verifiedTokens = verifiedTokens;
        this.routes = routes;
        this.problems = problems;
        this.limiter = limiter;
        this.json = json;
        config.upstreams().forEach((name, upstream) -> {
            breakers.put(name, new CircuitBreaker(config.circuitBreaker().failureThreshold(), config.circuitBreaker().openFor(),
                    upstream.connectTimeout().plus(upstream.readTimeout())));
            URI base = URI.create(upstream.url());
            clients.put(name, vertx.createHttpClient(new HttpClientOptions()
                    .setDefaultHost(base.getHost())
                    .setDefaultPort(base.getPort() > 0 ? base.getPort() : 80)
                    .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                    .setKeepAlive(true)
                    .setMaxPoolSize(64)));
        });
    }

    /** The request id and the access log before anything else answers (CORS preflights included). */
    void filters(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (path.startsWith("/api/") || path.startsWith("/openapi/")) {
                assignRequestId(rc);
            } else {
                rc.next();
            }
        }, 1_000_000);
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(11).handler(this::readBody);
        router.route("/api/*").order(12).handler(this::proxy).failureHandler(this::failure);
        router.route("/openapi/*").order(12).handler(this::proxy).failureHandler(this::failure);
    }

    /** Buffers the body up to the limit of the route it is for (the gateway's default elsewhere). */
    private void readBody(RoutingContext rc) {
        long limit = routes.match(rc.normalizedPath()).flatMap(RouteTable.Match::maxBodyBytes).orElse(config.maxBodyBytes());
        rc.put(BODY_LIMIT_KEY, limit);
        bodyHandlers.computeIfAbsent(limit, l -> BodyHandler.create(false).setBodyLimit(l)).handle(rc);
    }

    private void assignRequestId(RoutingContext rc) {
        String id = rc.request().getHeader(ProblemMappers.REQUEST_ID_HEADER);
        if (id == null || id.isBlank() || id.length() > 128) {
            id = UUID.randomUUID().toString();
        }
        rc.put(VertxProblems.REQUEST_ID_KEY, id);
        rc.put(STARTED_KEY, System.nanoTime());
        rc.response().putHeader(ProblemMappers.REQUEST_ID_HEADER, id);
        rc.addEndHandler(done -> accessLog(rc));
        rc.next();
    }

    /**
     * One JSON line per request on the category miaopu.gateway.access: no token, no query string (it
     * may carry names or phones), no user name; the client is the token's client id.
     */
    private void accessLog(RoutingContext rc) {
        Long started = rc.get(STARTED_KEY);
        RouteTable.Match route = rc.get(ROUTE_KEY);
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("time", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString());
        line.put("requestId", rc.get(VertxProblems.REQUEST_ID_KEY));
        line.put("method", rc.request().method().name());
        line.put("path", rc.normalizedPath());
        line.put("status", rc.response().getStatusCode());
        line.put("durationMs", started == null ? null : (System.nanoTime() - started) / 1_000_000);
        line.put("upstream", route == null ? null : route.upstream());
        line.put("client", rc.get(CLIENT_KEY));
        line.put("bytesOut", rc.response().bytesWritten());
        try {
            ACCESS.info(json.writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.debug("access log line not written", e);
        }
    }

    private void proxy(RoutingContext rc) {
        // The raw request line, before any decoding or normalization by the server or a request wrapper.
        String uri = rc.request().uri();
        String raw = uri == null ? null : uri.split("\\?", 2)[0];
        if (raw == null || SUSPICIOUS_PATH.matcher(raw).find()) {
            problems.send(rc, ProblemType.BAD_REQUEST, "The path has dot segments, encoded separators or empty segments.",
                    "请求路径含有 . 或 .. 段、编码的分隔符或空段。");
            return;
        }
        String path = rc.normalizedPath();
        RouteTable.Match route = routes.match(path).orElse(null);
        if (route == null) {
            problems.send(rc, ProblemType.NOT_FOUND, "No service owns " + path + ".", "没有服务提供 " + path + "。");
            return;
        }
        rc.put(ROUTE_KEY, route);
        if (route.isPublic()) {
            forward(rc, route, null);
            return;
        }
        String token = bearerToken(rc);
        long now = System.currentTimeMillis() / 1000;
        SecurityIdentity known = verifiedTokens.find(token, now).orElse(null);
        if (known != null) {
            authorize(rc, route, known);
            return;
        }
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(rc, null);
        identity.subscribe().with(
                caller -> {
                    verifiedTokens.remember(token, caller, now);
                    authorize(rc, route, caller);
                },
                failure -> authenticationFailed(rc, failure));
    }

    /** The bearer token of the Authorization header, if it has exactly one. */
    private static String bearerToken(RoutingContext rc) {
        java.util.List<String> values = rc.request().headers().getAll("Authorization");
        if (values.size() != 1 || !values.get(0).regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = values.get(0).substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private void authorize(RoutingContext rc, RouteTable.Match route, SecurityIdentity caller) {
        if (caller == null || caller.isAnonymous()) {
            // A caller without a token spends from its address's bucket like any anonymous caller.
            if (!spend(rc, null, Set.of())) {
                return;
            }
            problems.send(rc, ProblemType.UNAUTHORIZED, "This API needs a bearer token from the Miaopu realm.",
                    "此接口需要苗圃认证域签发的访问令牌。");
        } else if (!route.allows(caller.getRoles())) {
            problems.send(rc, ProblemType.FORBIDDEN,
                    "Your roles " + caller.getRoles() + " may not use " + route.prefix() + ".",
                    "您的角色无权访问 " + route.prefix() + "。");
        } else {
            forward(rc, route, caller);
        }
    }

    private void authenticationFailed(RoutingContext rc, Throwable failure) {
        // Answered as problem+json (401, or 503 when Keycloak is unreachable) by the chassis.
        if (!rc.failed() && !rc.response().ended()) {
            rc.fail(failure);
        }
    }

    /** Rate limit, then the upstream's breaker, then the request; {@code caller} null on a public route. */
    private void forward(RoutingContext rc, RouteTable.Match route, SecurityIdentity caller) {
        String subject = null;
        if (caller != null && caller.getPrincipal() instanceof JsonWebToken token) {
            Object client = token.getClaim("azp");
            rc.put(CLIENT_KEY, client == null ? null : client.toString());
            // The subject; a token without one (a client without the basic scope) by its client id: never anonymous.
            subject = token.getSubject() != null ? token.getSubject() : "client:" + (client == null ? caller.getPrincipal().getName() : client);
        }
        if (!spend(rc, subject, caller == null ? Set.of() : caller.getRoles())) {
            return;
        }
        CircuitBreaker breaker = breakers.get(route.upstream());
        long now = System.nanoTime();
        long admitted = breaker.admit(now);
        if (admitted < 0) {
            long seconds = breaker.refusalSeconds(now);
            rc.response().putHeader("Retry-After", String.valueOf(seconds));
            problems.send(rc, ProblemType.UPSTREAM_UNAVAILABLE,
                    "The " + route.upstream() + " service is unavailable (circuit open); retry in " + seconds + " s.",
                    route.upstream() + " 服务暂不可用（已熔断），请 " + seconds + " 秒后重试。");
            return;
        }
        GatewayConfig.Upstream upstream = config.upstreams().get(route.upstream());
        String query = rc.request().query();
        String uri = route.upstreamPath(rc.normalizedPath()) + (query == null ? "" : "?" + query);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        rc.request().headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        headers.set(ProblemMappers.REQUEST_ID_HEADER, (String) rc.get(VertxProblems.REQUEST_ID_KEY));
        headers.set("X-Forwarded-For", rc.request().remoteAddress() == null ? "" : rc.request().remoteAddress().hostAddress());
        headers.set("X-Forwarded-Proto", rc.request().scheme());
        if (rc.request().host() != null) {
            headers.set("X-Forwarded-Host", rc.request().host());
        }
        RequestOptions options = new RequestOptions()
                .setMethod(rc.request().method())
                .setURI(uri)
                .setHeaders(headers)
                .setIdleTimeout(upstream.readTimeout().toMillis());
        Buffer body = rc.body() == null || rc.body().buffer() == null ? Buffer.buffer() : rc.body().buffer();
        clients.get(route.upstream()).request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(payload -> new Answer(response, payload)))
                // The breaker hears the upstream's outcome only, never what happens to the caller's connection.
                .onSuccess(answer -> {
                    breaker.succeeded(admitted);
                    relay(rc, route, answer.response(), answer.payload());
                })
                .onFailure(failure -> {
                    breaker.failed(admitted, System.nanoTime());
                    upstreamFailed(rc, route, failure);
                });
    }

    /** Takes one request from the caller's bucket and says so in RateLimit headers; false (and 429 sent) when empty. */
    private boolean spend(RoutingContext rc, String subject, Set<String> roles) {
        RateLimiter.Decision quota = limiter.take(subject, roles,
                rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress());
        rc.response().putHeader("RateLimit-Limit", String.valueOf(quota.limit()))
                .putHeader("RateLimit-Remaining", String.valueOf(quota.remaining()))
                .putHeader("RateLimit-Reset", String.valueOf(quota.resetSeconds()));
        if (!quota.admitted()) {
            rc.response().putHeader("Retry-After", String.valueOf(quota.retryAfterSeconds()));
            problems.send(rc, ProblemType.TOO_MANY_REQUESTS, "Too many requests from this client; retry after "
                    + quota.retryAfterSeconds() + " s.", "该客户端请求过于频繁，请 " + quota.retryAfterSeconds() + " 秒后重试。");
            return false;
        }
        return true;
    }

    private record Answer(HttpClientResponse response, Buffer payload) {
    }

    private Void relay(RoutingContext rc, RouteTable.Match route, HttpClientResponse response, Buffer payload) {
        String contentType = response.getHeader("Content-Type");
        if (response.statusCode() >= 500 && (contentType == null || !contentType.startsWith("application/problem+json"))) {
            // Never pass an upstream's own error page (it may carry a stack trace) to the caller.
            LOG.warnf("Upstream %s answered %d for %s", route.upstream(), response.statusCode(), rc.request().path());
            problems.send(rc, ProblemType.UPSTREAM_ERROR, "The " + route.upstream() + " service failed to answer.",
                    route.upstream() + " 服务处理失败。");
            return null;
        }
        rc.response().setStatusCode(response.statusCode());
        response.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))
                    && !h.getKey().equalsIgnoreCase(ProblemMappers.REQUEST_ID_HEADER)) {
                rc.response().headers().add(h.getKey(), h.getValue());
            }
        });
        rc.response().end(payload);
        return null;
    }

    private void upstreamFailed(RoutingContext rc, RouteTable.Match route, Throwable failure) {
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            problems.send(rc, ProblemType.UPSTREAM_TIMEOUT, "The " + route.upstream() + " service did not answer in time.",
                    route.upstream() + " 服务响应超时。");
        } else {
            if (!(failure instanceof ConnectException)) {
                LOG.warnf("Forwarding to %s failed: %s", route.upstream(), failure);
            }
            problems.send(rc, ProblemType.UPSTREAM_UNAVAILABLE,
                    "The " + route.upstream() + " service is unavailable; retry shortly.",
                    route.upstream() + " 服务暂不可用，请稍后重试。");
        }
    }

    private long bodyLimit(RoutingContext rc) {
        Long limit = rc.get(BODY_LIMIT_KEY);
        return limit != null ? limit : config.maxBodyBytes();
    }

    private void failure(RoutingContext rc) {
        if (rc.statusCode() == 413) {
            problems.send(rc, ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body exceeds " + bodyLimit(rc) + " bytes.",
                    "请求体超过 " + bodyLimit(rc) + " 字节上限。");
        } else {
            LOG.errorf(rc.failure(), "Gateway failure on %s", rc.request().path());
            problems.send(rc, ProblemType.INTERNAL, "An unexpected error occurred; it has been logged.",
                    "发生意外错误，已记录日志。");
        }
    }
}
