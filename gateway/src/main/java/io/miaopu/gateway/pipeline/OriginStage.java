package io.miaopu.gateway.pipeline;

import io.miaopu.chassis.problem.ProblemType;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A browser's request from an origin that may not use the API: 403 problem+json, where Quarkus'
 * CORS filter would answer a bare 403. The same rule: the configured origins, or the API's own.
 */
@ApplicationScoped
public class OriginStage {

    private final Refusals refusals;
    private final boolean corsEnabled;
    private final List<String> corsOrigins;
    private final URI publicOrigin;

    public OriginStage(Refusals refusals, UpstreamHeaders headers,
                       @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean corsEnabled,
                       @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins) {
        this.refusals = refusals;
        this.corsEnabled = corsEnabled;
        this.corsOrigins = corsOrigins.orElse(List.of());
        this.publicOrigin = headers.publicOrigin();
    }

    /** True when refused (and answered). */
    public boolean refused(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        if (!corsEnabled || origin == null || allowedOrigin(rc, origin)) {
            return false;
        }
        refusals.refuse(rc, ProblemType.FORBIDDEN, "The origin " + origin + " may not use this API from a browser (CORS).",
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
}
