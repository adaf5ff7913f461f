package io.miaopu.gateway.pipeline;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.gateway.config.GatewayConfig;
import io.miaopu.gateway.protection.CircuitBreaker;
import io.miaopu.gateway.routing.RouteTable;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/** The upstream's breaker: an open circuit is 503 with Retry-After, and the service is not called. */
@Startup // created at startup, one breaker per upstream, as before the stages were split
@ApplicationScoped
public class CircuitBreakerStage {

    /** An admitted request: the breaker to tell its outcome, and the admission it tells it for. */
    public record Admission(CircuitBreaker breaker, long ticket) {
        public void failed() {
            breaker.failed(ticket, System.nanoTime());
        }

        public void succeeded() {
            breaker.succeeded(ticket);
        }
    }

    private final Refusals refusals;
    private final Map<String, CircuitBreaker> breakers = new HashMap<>();

    public CircuitBreakerStage(GatewayConfig config, Refusals refusals) {
        this.refusals = refusals;
        config.upstreams().forEach((name, upstream) -> breakers.put(name, new CircuitBreaker(config.circuitBreaker().failureThreshold(),
                config.circuitBreaker().openFor(), upstream.connectTimeout().plus(upstream.readTimeout()))));
    }

    /** The admission, or null when the circuit is open (and 503 sent). */
    public Admission admit(RoutingContext rc, RouteTable.Match route) {
        CircuitBreaker breaker = breakers.get(route.upstream());
        long now = System.nanoTime();
        long admitted = breaker.admit(now);
        if (admitted < 0) {
            long seconds = breaker.refusalSeconds(now);
            rc.response().putHeader("Retry-After", String.valueOf(seconds));
            refusals.refuse(rc, ProblemType.UPSTREAM_UNAVAILABLE,
                    "The " + route.upstream() + " service is unavailable (circuit open); retry in " + seconds + " s.",
                    route.upstream() + " 服务暂不可用（已熔断），请 " + seconds + " 秒后重试。");
            return null;
        }
        return new Admission(breaker, admitted);
    }
}
