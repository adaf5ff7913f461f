package io.miaopu.gateway.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.problem.IdentityProviderFailures;
import io.miaopu.chassis.problem.ProblemMappers;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.problem.VertxProblems;
import io.miaopu.gateway.authentication.VerifiedTokens;
import io.miaopu.gateway.config.GatewayConfig;
import io.miaopu.gateway.protection.CircuitBreaker;
import io.miaopu.gateway.protection.RateLimiter;
import io.miaopu.gateway.routing.RouteTable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.ConnectException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The one door: every /api/... request is matched to its owning service by the route table,
 * authenticated (Keycloak token verified here, then forwarded so the service verifies it too),
 * authorized by the route's roles, rate-limited, and forwarded with a request id.
 *
 * <p>Nothing of a request body is read before the caller is authenticated, authorized and admitted
 * by the rate limit: the request is paused as it arrives. An admitted body is streamed to the
 * service as it comes (counted against the route's limit, chunked or not; a caller silent for
 * {@code body-idle-timeout} gets 408), and the service's answer is streamed back: the gateway holds
 * a connection per request, never a whole body.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /** Hop-by-hop headers (RFC 9110 §7.6.1) are never forwarded; the gateway frames each message itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            // what the caller says about addresses is never passed on: the gateway sets X-Forwarded-* itself
            "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port",
            "x-forwarded-prefix", "x-real-ip");

    /** Paths the router would normalize differently from an upstream: refused rather than guessed. */
    private static final java.util.regex.Pattern SUSPICIOUS_PATH = java.util.regex.Pattern.compile(
            "(^|/)\\.{1,2}(/|$)|%2[eEfF]|%5[cC]|\\\\|//");

    /**
     * What is read and thrown away of a refused request's body (so that the caller, still sending,
     * reads the answer instead of a reset connection) before the connection is closed.
     */
    private static final long DISCARD_BYTES = 16L * 1024 * 1024;
    private static final long DISCARD_MILLIS = 5_000;

    private static final Logger ACCESS = Logger.getLogger("miaopu.gateway.access");
    private static final String STARTED_KEY = "miaopu.started";
    private static final String ROUTE_KEY = "miaopu.route";
    private static final String CLIENT_KEY = "miaopu.client";
    private static final String EXCHANGE_KEY = "miaopu.exchange";

    private final GatewayConfig config;
    private final RouteTable routes;
    private final VertxProblems problems;
    private final RateLimiter limiter;
    private final ObjectMapper json;
    private final VerifiedTokens verifiedTokens;
    private final Vertx vertx;
    private final Map<String, HttpClient> clients = new HashMap<>();
    private final Map<String, CircuitBreaker> breakers = new HashMap<>();
    private final boolean corsEnabled;
    private final List<String> corsOrigins;
    private final URI publicOrigin;

    public ProxyRoutes(GatewayConfig config, RouteTable routes, VertxProblems problems, Vertx vertx, RateLimiter limiter,
                       ObjectMapper json, VerifiedTokens verifiedTokens,
                       @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean corsEnabled,
                       @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins) {
        this.config = config;
        this.verifiedTokens = verifiedTokens;
        this.routes = routes;
        this.problems = problems;
        this.limiter = limiter;
        this.json = json;
        this.vertx = vertx;
        this.corsEnabled = corsEnabled;
        this.corsOrigins = corsOrigins.orElse(List.of());
        this.publicOrigin = URI.create(config.publicOrigin());
        if (publicOrigin.getScheme() == null || publicOrigin.getHost() == null) {
            throw new IllegalStateException("miaopu.gateway.public-origin must be scheme://host[:port]: " + config.publicOrigin());
        }
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

    /**
     * Before anything else answers (CORS preflights included): the request is paused (no byte of its
     * body is read until it is admitted), gets its request id and access log line; a browser origin
     * that is not allowed and a declared body over the route's limit are refused as problem+json.
     */
    void filters(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (path.startsWith("/api/") || path.startsWith("/openapi/")) {
                rc.request().pause();
                // Whatever answers (a refusal, a preflight, the service), the rest of the body is then released.
                rc.addEndHandler(done -> release(rc));
                assignRequestId(rc);
                if (refusedOrigin(rc) || declaredTooLarge(rc, path)) {
                    return;
                }
            } else if (refusedOrigin(rc) || declaredTooLarge(rc, path)) {
                return; // nothing else of the gateway takes a body: the default limit, as problem+json
            }
            rc.next();
        }, 1_000_000);
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(12).handler(this::proxy).failureHandler(this::failure);
        router.route("/openapi/*").order(12).handler(this::proxy).failureHandler(this::failure);
        // What no route answers is a problem too, never the framework's page.
        router.errorHandler(404, rc -> problems.send(rc, ProblemType.NOT_FOUND, "Nothing is served at " + rc.normalizedPath() + ".",
                "此处没有提供任何资源：" + rc.normalizedPath() + "。"));
        router.errorHandler(405, rc -> problems.send(rc, ProblemType.METHOD_NOT_ALLOWED,
                "The method " + rc.request().method().name() + " is not allowed on " + rc.normalizedPath() + ".",
                "路径 " + rc.normalizedPath() + " 不支持 " + rc.request().method().name() + " 方法。"));
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
    }

    /**
     * A browser's request from an origin that may not use the API: 403 problem+json, where Quarkus'
     * CORS filter would answer a bare 403. The same rule: the configured origins, or the API's own.
     */
    private boolean refusedOrigin(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        if (!corsEnabled || origin == null || allowedOrigin(rc, origin)) {
            return false;
        }
        refuse(rc, ProblemType.FORBIDDEN, "The origin " + origin + " may not use this API from a browser (CORS).",
                "来源 " + origin + " 不允许通过浏览器访问此接口（跨域）。");
        return true;
    }

    private boolean allowedOrigin(RoutingContext rc, String origin) {
        for (String allowed : corsOrigins) {
            if (allowed.equals("*") || allowed.equals(origin)
                    || (allowed.length() > 2 && allowed.startsWith("/") && allowed.endsWith("/")
                    && origin.matches(allowed.substring(1, allowed.length() - 1)))) {
                return true;
            }
        }
        String self = publicOrigin.getScheme() + "://" + publicOrigin.getRawAuthority();
        String asCalled = rc.request().scheme() + "://" + rc.request().host();
        return origin.equalsIgnoreCase(self) || origin.equalsIgnoreCase(asCalled);
    }

    /** A body declared (Content-Length) larger than its route allows: 413 before anything else is done. */
    private boolean declaredTooLarge(RoutingContext rc, String path) {
        String length = rc.request().getHeader("Content-Length");
        if (length == null) {
            return false;
        }
        long limit = bodyLimit(routes.match(path).orElse(null));
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = Long.MAX_VALUE;
        }
        if (declared <= limit) {
            return false;
        }
        tooLarge(rc, limit);
        return true;
    }

    private long bodyLimit(RouteTable.Match route) {
        return route == null ? config.maxBodyBytes() : route.maxBodyBytes().orElse(config.maxBodyBytes());
    }

    private void tooLarge(RoutingContext rc, long limit) {
        refuse(rc, ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds " + limit + " bytes.",
                "请求体超过 " + limit + " 字节上限。");
    }

    /**
     * Answers with a problem. When the caller may still be sending a body, the connection closes after
     * the answer ({@link #release}): what was not read stays unread.
     */
    private void refuse(RoutingContext rc, ProblemType type, String detail, String detailZh) {
        if (hasBody(rc.request()) && !rc.request().isEnded() && !rc.response().headWritten()) {
            rc.response().putHeader("Connection", "close");
        }
        problems.send(rc, type, detail, detailZh);
    }

    /**
     * Once the answer is complete, the rest of a paused request body is read and thrown away (at most
     * 16 MiB and 5 s, never kept: so that a client still sending sees the answer rather than a reset), then the
     * connection is closed if the answer said so or the body was not all read.
     */
    private void release(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Exchange exchange = rc.get(EXCHANGE_KEY);
        if (exchange != null && !exchange.bodyEnded && !exchange.aborted) {
            exchange.abort(); // answered before the whole body was sent: the service must not take part of it for all
        }
        boolean close = "close".equalsIgnoreCase(rc.response().headers().get("Connection"));
        if (request.isEnded()) {
            return;
        }
        long[] discarded = {0};
        boolean[] done = {false};
        Runnable finish = () -> {
            if (!done[0]) {
                done[0] = true;
                closeConnection(rc);
            }
        };
        long timer = vertx.setTimer(DISCARD_MILLIS, id -> finish.run());
        try {
            request.handler(chunk -> {
                discarded[0] += chunk.length();
                if (discarded[0] > DISCARD_BYTES) {
                    vertx.cancelTimer(timer);
                    finish.run();
                }
            });
            request.endHandler(v -> {
                vertx.cancelTimer(timer);
                if (close) {
                    finish.run();
                }
                done[0] = true;
            });
            request.exceptionHandler(e -> vertx.cancelTimer(timer));
            request.resume();
        } catch (IllegalStateException alreadyRead) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether the request announces a body (a length above zero, or a transfer coding). */
    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return !length.trim().equals("0");
        }
        if (request.version() == HttpVersion.HTTP_2) {
            // HTTP/2 announces a body by its frames, not by a header: any method that may carry one is streamed
            HttpMethod method = request.method();
            return !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                    || method == HttpMethod.DELETE);
        }
        return request.getHeader("Transfer-Encoding") != null;
    }

    private static void closeConnection(RoutingContext rc) {
        if (rc.request().version() == HttpVersion.HTTP_2) {
            rc.response().reset();
        } else if (rc.request().connection() != null) {
            rc.request().connection().close();
        }
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
            refuse(rc, ProblemType.BAD_REQUEST, "The path has dot segments, encoded separators or empty segments.",
                    "请求路径含有 . 或 .. 段、编码的分隔符或空段。");
            return;
        }
        String path = rc.normalizedPath();
        RouteTable.Match route = routes.match(path).orElse(null);
        if (route == null) {
            refuse(rc, ProblemType.NOT_FOUND, "No service owns " + path + ".", "没有服务提供 " + path + "。");
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
        String address = address(rc);
        if (token != null) {
            // An address whose tokens keep failing verification gets no more signature checks for a while.
            RateLimiter.Decision verification = limiter.mayVerify(address);
            if (!verification.admitted()) {
                tooManyRequests(rc, verification, "Too many invalid tokens from this address; retry after ",
                        "该地址提交的无效令牌过多，请 ");
                return;
            }
        }
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(rc, null);
        identity.subscribe().with(
                caller -> {
                    if (token != null && (caller == null || caller.isAnonymous())) {
                        limiter.invalidToken(address); // a token was sent and did not name a caller
                    } else {
                        verifiedTokens.remember(token, caller, now);
                    }
                    authorize(rc, route, caller);
                },
                failure -> authenticationFailed(rc, failure, token != null, address));
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

    private static String address(RoutingContext rc) {
        return rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
    }

    private void authorize(RoutingContext rc, RouteTable.Match route, SecurityIdentity caller) {
        if (caller == null || caller.isAnonymous()) {
            // A caller without a token spends from its address's bucket like any anonymous caller.
            if (!spend(rc, null, Set.of())) {
                return;
            }
            refuse(rc, ProblemType.UNAUTHORIZED, "This API needs a bearer token from the Miaopu realm.",
                    "此接口需要苗圃认证域签发的访问令牌。");
        } else if (!route.allows(caller.getRoles())) {
            refuse(rc, ProblemType.FORBIDDEN,
                    "Your roles " + caller.getRoles() + " may not use " + route.prefix() + ".",
                    "您的角色无权访问 " + route.prefix() + "。");
        } else {
            forward(rc, route, caller);
        }
    }

    private void authenticationFailed(RoutingContext rc, Throwable failure, boolean hadToken, String address) {
        boolean unreachable = IdentityProviderFailures.isUnreachable(failure);
        if (hadToken && !unreachable) {
            limiter.invalidToken(address); // even when Quarkus' own failure handling has answered already
        }
        if (rc.response().ended()) {
            return;
        }
        if (unreachable) {
            LOG.warnf("Keycloak unreachable while verifying a token for %s: %s", rc.request().path(), failure);
            refuse(rc, ProblemType.IDENTITY_PROVIDER_UNAVAILABLE,
                    "The token cannot be verified because Keycloak is unreachable; retry shortly.",
                    "认证服务暂时无法访问，无法校验令牌，请稍后重试。");
        } else {
            if (!(failure instanceof AuthenticationFailedException)) {
                LOG.debugf("Token verification failed for %s: %s", rc.request().path(), failure);
            }
            refuse(rc, ProblemType.UNAUTHORIZED, "The bearer token is missing, expired, or not signed by the Miaopu realm.",
                    "令牌缺失、已过期或签名无效。");
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
            refuse(rc, ProblemType.UPSTREAM_UNAVAILABLE,
                    "The " + route.upstream() + " service is unavailable (circuit open); retry in " + seconds + " s.",
                    route.upstream() + " 服务暂不可用（已熔断），请 " + seconds + " 秒后重试。");
            return;
        }
        GatewayConfig.Upstream upstream = config.upstreams().get(route.upstream());
        HttpServerRequest in = rc.request();
        String query = in.query();
        String uri = route.upstreamPath(rc.normalizedPath()) + (query == null ? "" : "?" + query);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        in.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        headers.set(ProblemMappers.REQUEST_ID_HEADER, (String) rc.get(VertxProblems.REQUEST_ID_KEY));
        headers.set("X-Forwarded-For", in.remoteAddress() == null ? "" : in.remoteAddress().hostAddress());
        // The API's configured public origin, never the caller's Host: the services build Location from these.
        headers.set("X-Forwarded-Proto", publicOrigin.getScheme());
        headers.set("X-Forwarded-Host", publicOrigin.getRawAuthority());
        String contentLength = in.getHeader("Content-Length");
        boolean chunked = contentLength == null;
        boolean hasBody = hasBody(in);
        if (contentLength != null && !chunked) {
            headers.set("Content-Length", contentLength.trim());
        }
        RequestOptions options = new RequestOptions().setMethod(in.method()).setURI(uri).setHeaders(headers);
        if (!hasBody) {
            options.setIdleTimeout(upstream.readTimeout().toMillis());
        }
        Exchange exchange = new Exchange(rc, route, bodyLimit(route), upstream.readTimeout().toMillis());
        if (hasBody) {
            rc.put(EXCHANGE_KEY, exchange);
        }
        clients.get(route.upstream()).request(options).onComplete(connected -> {
            if (connected.failed()) {
                breaker.failed(admitted, System.nanoTime());
                upstreamFailed(rc, route, connected.cause());
                return;
            }
            HttpClientRequest out = connected.result();
            if (exchange.aborted || rc.response().ended()) {
                out.reset(); // answered meanwhile (the caller went away, or was refused)
                return;
            }
            exchange.upstream = out;
            // Failures reach the response future below; a reset of our own (413, 408, the caller gone) is expected.
            out.exceptionHandler(e -> LOG.debugf("Request to %s ended: %s", route.upstream(), e));
            out.response().onComplete(answered -> {
                if (exchange.aborted) {
                    return; // the gateway ended this exchange itself (413, 408): nothing to say about the service
                }
                if (answered.failed()) {
                    breaker.failed(admitted, System.nanoTime());
                    exchange.stopWatching();
                    upstreamFailed(rc, route, answered.cause());
                } else {
                    // The breaker hears the upstream's outcome only, never what happens to the caller's connection.
                    breaker.succeeded(admitted);
                    relay(rc, route, answered.result(), out);
                }
            });
            if (!hasBody) {
                out.end();
                in.resume();
            } else {
                if (chunked) {
                    out.setChunked(true);
                }
                exchange.streamBody();
            }
        });
    }

    /** One forwarded request whose body is streamed from the caller to the service. */
    private final class Exchange {
        private final RoutingContext rc;
        private final RouteTable.Match route;
        private final long limit;
        private final long readTimeoutMillis;
        private final long idleMillis;
        private HttpClientRequest upstream;
        private long received;
        private long lastActivity = System.nanoTime();
        private long waitingSince = -1;
        private long timer = -1;
        private boolean aborted;
        private boolean bodyEnded;

        Exchange(RoutingContext rc, RouteTable.Match route, long limit, long readTimeoutMillis) {
            this.rc = rc;
            this.route = route;
            this.limit = limit;
            this.readTimeoutMillis = readTimeoutMillis;
            this.idleMillis = config.bodyIdleTimeout().toMillis();
        }

        void streamBody() {
            HttpServerRequest in = rc.request();
            if ("100-continue".equalsIgnoreCase(in.getHeader("Expect"))) {
                rc.response().writeContinue(); // admitted: now the caller may send what it holds back
            }
            in.handler(chunk -> {
                if (aborted) {
                    return;
                }
                received += chunk.length();
                if (received > limit) {
                    abort();
                    tooLarge(rc, limit);
                    return;
                }
                lastActivity = System.nanoTime();
                upstream.write(chunk);
                if (upstream.writeQueueFull()) {
                    // The service reads slower than the caller sends: hold the caller back (TCP back-pressure).
                    in.pause();
                    waitingSince = System.nanoTime();
                    upstream.drainHandler(v -> {
                        waitingSince = -1;
                        lastActivity = System.nanoTime();
                        if (!aborted) {
                            in.resume();
                        }
                    });
                }
            });
            in.endHandler(v -> {
                bodyEnded = true;
                stopWatching();
                if (!aborted) {
                    upstream.end();
                    // From now on the service has its read timeout to answer.
                    upstream.idleTimeout(readTimeoutMillis);
                }
            });
            in.exceptionHandler(e -> {
                // The caller went away mid-body: the service must not take a truncated body for a whole one.
                if (!aborted) {
                    abort();
                }
            });
            watch(idleMillis);
            in.resume();
        }

        /** A timer that refuses a silent caller (408) and gives up on a service that stopped reading (504). */
        private void watch(long delay) {
            timer = vertx.setTimer(Math.max(1, delay), id -> {
                timer = -1;
                if (aborted || bodyEnded) {
                    return;
                }
                long now = System.nanoTime();
                if (waitingSince >= 0) {
                    long waited = (now - waitingSince) / 1_000_000;
                    if (waited >= readTimeoutMillis) {
                        abort();
                        problemOrReset(ProblemType.UPSTREAM_TIMEOUT, "The " + route.upstream() + " service did not read the body in time.",
                                route.upstream() + " 服务未及时接收请求体。");
                    } else {
                        watch(readTimeoutMillis - waited);
                    }
                    return;
                }
                long silent = (now - lastActivity) / 1_000_000;
                if (silent >= idleMillis) {
                    abort();
                    problemOrReset(ProblemType.REQUEST_TIMEOUT,
                            "No part of the request body arrived for " + idleMillis / 1000 + " s.",
                            "请求体已有 " + idleMillis / 1000 + " 秒没有传输任何数据。");
                } else {
                    watch(idleMillis - silent);
                }
            });
        }

        private void problemOrReset(ProblemType type, String detail, String detailZh) {
            refuse(rc, type, detail, detailZh);
        }

        void stopWatching() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }

        /** The gateway ends the exchange: the service's request is reset, never ended as if complete. */
        void abort() {
            aborted = true;
            stopWatching();
            if (upstream != null) {
                upstream.reset();
            }
        }
    }

    /** Takes one request from the caller's bucket and says so in RateLimit headers; false (and 429 sent) when empty. */
    private boolean spend(RoutingContext rc, String subject, Set<String> roles) {
        RateLimiter.Decision quota = limiter.take(subject, roles, address(rc));
        rc.response().putHeader("RateLimit-Limit", String.valueOf(quota.limit()))
                .putHeader("RateLimit-Remaining", String.valueOf(quota.remaining()))
                .putHeader("RateLimit-Reset", String.valueOf(quota.resetSeconds()));
        if (!quota.admitted()) {
            tooManyRequests(rc, quota, "Too many requests from this client; retry after ", "该客户端请求过于频繁，请 ");
            return false;
        }
        return true;
    }

    private void tooManyRequests(RoutingContext rc, RateLimiter.Decision quota, String detail, String detailZh) {
        rc.response().putHeader("Retry-After", String.valueOf(quota.retryAfterSeconds()));
        refuse(rc, ProblemType.TOO_MANY_REQUESTS, detail + quota.retryAfterSeconds() + " s.",
                detailZh + quota.retryAfterSeconds() + " 秒后重试。");
    }

    /**
     * Streams the service's answer to the caller as it comes (back-pressure both ways); a 5xx that is
     * not problem+json is replaced, so that no upstream error page reaches the caller.
     */
    private void relay(RoutingContext rc, RouteTable.Match route, HttpClientResponse response, HttpClientRequest upstream) {
        String contentType = response.getHeader("Content-Type");
        if (response.statusCode() >= 500 && (contentType == null || !contentType.startsWith("application/problem+json"))) {
            // Never pass an upstream's own error page (it may carry a stack trace) to the caller.
            LOG.warnf("Upstream %s answered %d for %s", route.upstream(), response.statusCode(), rc.request().path());
            response.handler(chunk -> { }); // read and dropped
            problems.send(rc, ProblemType.UPSTREAM_ERROR, "The " + route.upstream() + " service failed to answer.",
                    route.upstream() + " 服务处理失败。");
            return;
        }
        HttpServerResponse out = rc.response();
        if (out.ended() || out.headWritten()) {
            response.handler(chunk -> { });
            return;
        }
        out.setStatusCode(response.statusCode());
        response.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))
                    && !h.getKey().equalsIgnoreCase(ProblemMappers.REQUEST_ID_HEADER)) {
                out.headers().add(h.getKey(), h.getValue());
            }
        });
        String length = response.getHeader("Content-Length");
        boolean bodiless = rc.request().method() == HttpMethod.HEAD || response.statusCode() == 204
                || response.statusCode() == 304 || response.statusCode() < 200;
        if (length != null) {
            out.putHeader("Content-Length", length);
        } else if (!bodiless) {
            out.setChunked(true);
        }
        response.pipe().endOnFailure(false).to(out).onFailure(failure -> {
            // Cut off midway (the service or the caller went away): never end it as if it were complete.
            LOG.debugf("Relaying %s's answer for %s ended early: %s", route.upstream(), rc.request().path(), failure);
            upstream.reset();
            if (!out.ended()) {
                out.reset();
            }
        });
    }

    private void upstreamFailed(RoutingContext rc, RouteTable.Match route, Throwable failure) {
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            refuse(rc, ProblemType.UPSTREAM_TIMEOUT, "The " + route.upstream() + " service did not answer in time.",
                    route.upstream() + " 服务响应超时。");
        } else {
            if (!(failure instanceof ConnectException)) {
                LOG.warnf("Forwarding to %s failed: %s", route.upstream(), failure);
            }
            refuse(rc, ProblemType.UPSTREAM_UNAVAILABLE,
                    "The " + route.upstream() + " service is unavailable; retry shortly.",
                    route.upstream() + " 服务暂不可用，请稍后重试。");
        }
    }

    private void failure(RoutingContext rc) {
        if (rc.statusCode() == 413) {
            tooLarge(rc, bodyLimit(rc.get(ROUTE_KEY)));
        } else {
            LOG.errorf(rc.failure(), "Gateway failure on %s", rc.request().path());
            refuse(rc, ProblemType.INTERNAL, "An unexpected error occurred; it has been logged.",
                    "发生意外错误，已记录日志。");
        }
    }
}
