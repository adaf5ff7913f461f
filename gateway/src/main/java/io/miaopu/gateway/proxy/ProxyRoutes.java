package io.miaopu.gateway.proxy;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.problem.VertxProblems;
import io.miaopu.gateway.pipeline.AuthenticationStage;
import io.miaopu.gateway.pipeline.CircuitBreakerStage;
import io.miaopu.gateway.pipeline.DeclaredLimitStage;
import io.miaopu.gateway.pipeline.ForwardingStage;
import io.miaopu.gateway.pipeline.OriginStage;
import io.miaopu.gateway.pipeline.RateLimitStage;
import io.miaopu.gateway.pipeline.Refusals;
import io.miaopu.gateway.pipeline.RequestIdStage;
import io.miaopu.gateway.pipeline.RoutingStage;
import io.miaopu.gateway.routing.RouteTable;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The one door: every /api/... request meets the stages of {@code io.miaopu.gateway.pipeline} in
 * this order (docs/gateway.md, "The pipeline"): request id and access log, origin, declared body
 * limit, route, authentication and authorization, rate limit, circuit breaker, forwarding.
 *
 * <p>Nothing of a request body is read before the caller is authenticated, authorized and admitted
 * by the rate limit: the request is paused as it arrives. An admitted body is streamed to the
 * service as it comes, and the service's answer is streamed back.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);

    private final VertxProblems problems;
    private final Refusals refusals;
    private final RequestIdStage requestId;
    private final OriginStage origin;
    private final DeclaredLimitStage declaredLimit;
    private final RoutingStage routing;
    private final AuthenticationStage authentication;
    private final RateLimitStage rateLimit;
    private final CircuitBreakerStage circuitBreaker;
    private final ForwardingStage forwarding;

    public ProxyRoutes(VertxProblems problems, Refusals refusals, RequestIdStage requestId, OriginStage origin,
                       DeclaredLimitStage declaredLimit, RoutingStage routing, AuthenticationStage authentication,
                       RateLimitStage rateLimit, CircuitBreakerStage circuitBreaker, ForwardingStage forwarding) {
        this.problems = problems;
        this.refusals = refusals;
        this.requestId = requestId;
        this.origin = origin;
        this.declaredLimit = declaredLimit;
        this.routing = routing;
        this.authentication = authentication;
        this.rateLimit = rateLimit;
        this.circuitBreaker = circuitBreaker;
        this.forwarding = forwarding;
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
                rc.addEndHandler(done -> refusals.release(rc));
                requestId.assign(rc);
                if (origin.refused(rc) || declaredLimit.tooLarge(rc, path)) {
                    return;
                }
            } else if (origin.refused(rc) || declaredLimit.tooLarge(rc, path)) {
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

    /** After the filters: route, authentication, rate limit, circuit breaker, forwarding; each may refuse. */
    private void proxy(RoutingContext rc) {
        RouteTable.Match route = routing.route(rc);
        if (route == null) {
            return;
        }
        authentication.authenticate(rc, route, caller -> {
            if (!rateLimit.admit(rc, caller)) {
                return;
            }
            CircuitBreakerStage.Admission admission = circuitBreaker.admit(rc, route);
            if (admission != null) {
                forwarding.forward(rc, route, admission);
            }
        });
    }

    private void failure(RoutingContext rc) {
        if (rc.statusCode() == 413) {
            refusals.tooLarge(rc, declaredLimit.limitFor(RoutingStage.matched(rc)));
        } else {
            LOG.errorf(rc.failure(), "Gateway failure on %s", rc.request().path());
            refusals.refuse(rc, ProblemType.INTERNAL, "An unexpected error occurred; it has been logged.",
                    "发生意外错误，已记录日志。");
        }
    }
}
