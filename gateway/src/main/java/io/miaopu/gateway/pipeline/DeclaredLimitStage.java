package io.miaopu.gateway.pipeline;

import io.miaopu.gateway.config.GatewayConfig;
import io.miaopu.gateway.routing.RouteTable;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A body declared (Content-Length) larger than its route allows: 413 before anything else is done.
 * A body that does not declare its length is counted while it streams ({@link ForwardingStage}).
 */
@ApplicationScoped
public class DeclaredLimitStage {

    private final GatewayConfig config;
    private final RouteTable routes;
    private final Refusals refusals;

    public DeclaredLimitStage(GatewayConfig config, RouteTable routes, Refusals refusals) {
        this.config = config;
        this.routes = routes;
        this.refusals = refusals;
    }

    /** True when refused (and answered). */
    public boolean tooLarge(RoutingContext rc, String path) {
        String length = rc.request().getHeader("Content-Length");
        if (length == null) {
            return false;
        }
        long limit = limitFor(routes.match(path).orElse(null));
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = Long.MAX_VALUE;
        }
        if (declared <= limit) {
            return false;
        }
        refusals.tooLarge(rc, limit);
        return true;
    }

    /** The route's body limit, or the default one ({@code route} null: no route). */
    public long limitFor(RouteTable.Match route) {
        return route == null ? config.maxBodyBytes() : route.maxBodyBytes().orElse(config.maxBodyBytes());
    }
}
