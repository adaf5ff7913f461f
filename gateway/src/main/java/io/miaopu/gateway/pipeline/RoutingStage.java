package io.miaopu.gateway.pipeline;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.gateway.routing.RouteTable;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/** The request's path is checked and matched to its owning service by the route table. */
@ApplicationScoped
public class RoutingStage {

    /** Paths the router would normalize differently from an upstream: refused rather than guessed. */
    private static final Pattern SUSPICIOUS_PATH = Pattern.compile("(^|/)\\.{1,2}(/|$)|%2[eEfF]|%5[cC]|\\\\|//");

    private final RouteTable routes;
    private final Refusals refusals;

    public RoutingStage(RouteTable routes, Refusals refusals) {
        this.routes = routes;
        this.refusals = refusals;
    }

    /** The request's route, or null when refused (and answered). */
    public RouteTable.Match route(RoutingContext rc) {
        // The raw request line, before any decoding or normalization by the server or a request wrapper.
        String uri = rc.request().uri();
        String raw = uri == null ? null : uri.split("\\?", 2)[0];
        if (raw == null || SUSPICIOUS_PATH.matcher(raw).find()) {
            refusals.refuse(rc, ProblemType.BAD_REQUEST, "The path has dot segments, encoded separators or empty segments.",
                    "请求路径含有 . 或 .. 段、编码的分隔符或空段。");
            return null;
        }
        String path = rc.normalizedPath();
        RouteTable.Match route = routes.match(path).orElse(null);
        if (route == null) {
            refusals.refuse(rc, ProblemType.NOT_FOUND, "No service owns " + path + ".", "没有服务提供 " + path + "。");
            return null;
        }
        rc.put(Keys.ROUTE, route);
        return route;
    }

    /** The route this stage found for the request, or null (not routed yet, or refused). */
    public static RouteTable.Match matched(RoutingContext rc) {
        return rc.get(Keys.ROUTE);
    }
}
