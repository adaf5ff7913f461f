package io.miaopu.gateway.pipeline;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.problem.VertxProblems;
import io.miaopu.gateway.config.GatewayConfig;
import io.miaopu.gateway.routing.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The request goes to its service and the answer comes back, both streamed as they come (the
 * gateway holds a connection per request, never a whole body): an admitted body is counted against
 * the route's limit and refused 408 when the caller goes silent ({@link StreamedBody}); the outcome
 * is told to the upstream's breaker; a 5xx that is not problem+json never reaches the caller.
 */
@Startup // created at startup, one client pool per upstream, as before the stages were split
@ApplicationScoped
public class ForwardingStage {

    private static final Logger LOG = Logger.getLogger(ForwardingStage.class);

    private final GatewayConfig config;
    private final Vertx vertx;
    private final VertxProblems problems;
    private final Refusals refusals;
    private final UpstreamHeaders headers;
    private final DeclaredLimitStage limits;
    private final Map<String, HttpClient> clients = new HashMap<>();

    public ForwardingStage(GatewayConfig config, Vertx vertx, VertxProblems problems, Refusals refusals,
                           UpstreamHeaders headers, DeclaredLimitStage limits) {
        this.config = config;
        this.vertx = vertx;
        this.problems = problems;
        this.refusals = refusals;
        this.headers = headers;
        this.limits = limits;
        config.upstreams().forEach((name, upstream) -> {
            URI base = URI.create(upstream.url());
            clients.put(name, vertx.createHttpClient(new HttpClientOptions()
                    .setDefaultHost(base.getHost())
                    .setDefaultPort(base.getPort() > 0 ? base.getPort() : 80)
                    .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                    .setKeepAlive(true)
                    .setMaxPoolSize(64)));
        });
    }

    public void forward(RoutingContext rc, RouteTable.Match route, CircuitBreakerStage.Admission breaker) {
        GatewayConfig.Upstream upstream = config.upstreams().get(route.upstream());
        HttpServerRequest in = rc.request();
        String query = in.query();
        String uri = route.upstreamPath(rc.normalizedPath()) + (query == null ? "" : "?" + query);
        boolean chunked = in.getHeader("Content-Length") == null;
        boolean hasBody = Refusals.hasBody(in);
        RequestOptions options = new RequestOptions().setMethod(in.method()).setURI(uri).setHeaders(headers.toService(rc));
        if (!hasBody) {
            options.setIdleTimeout(upstream.readTimeout().toMillis());
        }
        StreamedBody exchange = new StreamedBody(vertx, refusals, rc, route, limits.limitFor(route),
                upstream.readTimeout().toMillis(), config.bodyIdleTimeout().toMillis());
        if (hasBody) {
            rc.put(Keys.EXCHANGE, exchange);
        }
        clients.get(route.upstream()).request(options).onComplete(connected -> {
            if (connected.failed()) {
                breaker.failed();
                upstreamFailed(rc, route, connected.cause());
                return;
            }
            HttpClientRequest out = connected.result();
            if (exchange.aborted() || rc.response().ended()) {
                out.reset(); // answered meanwhile (the caller went away, or was refused)
                return;
            }
            exchange.upstream(out);
            // Failures reach the response future below; a reset of our own (413, 408, the caller gone) is expected.
            out.exceptionHandler(e -> LOG.debugf("Request to %s ended: %s", route.upstream(), e));
            out.response().onComplete(answered -> {
                if (exchange.aborted()) {
                    return; // the gateway ended this exchange itself (413, 408): nothing to say about the service
                }
                if (answered.failed()) {
                    breaker.failed();
                    exchange.stopWatching();
                    upstreamFailed(rc, route, answered.cause());
                } else {
                    // The breaker hears the upstream's outcome only, never what happens to the caller's connection.
                    breaker.succeeded();
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
        headers.toCaller(response, out);
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
            refusals.refuse(rc, ProblemType.UPSTREAM_TIMEOUT, "The " + route.upstream() + " service did not answer in time.",
                    route.upstream() + " 服务响应超时。");
        } else {
            if (!(failure instanceof ConnectException)) {
                LOG.warnf("Forwarding to %s failed: %s", route.upstream(), failure);
            }
            refusals.refuse(rc, ProblemType.UPSTREAM_UNAVAILABLE,
                    "The " + route.upstream() + " service is unavailable; retry shortly.",
                    route.upstream() + " 服务暂不可用，请稍后重试。");
        }
    }
}
