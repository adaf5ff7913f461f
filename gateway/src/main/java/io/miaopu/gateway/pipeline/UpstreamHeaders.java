package io.miaopu.gateway.pipeline;

import io.miaopu.chassis.problem.ProblemMappers;
import io.miaopu.chassis.problem.VertxProblems;
import io.miaopu.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The headers that cross the gateway: hop-by-hop ones never do; the service hears the request id and
 * X-Forwarded-* from the gateway (the configured public origin, never the caller's Host, so that the
 * Location it builds is the API's), never what the caller says about addresses.
 */
@Startup // checked at startup: a malformed public origin stops the gateway, as before the stages were split
@ApplicationScoped
public class UpstreamHeaders {

    /** Hop-by-hop headers (RFC 9110 §7.6.1) are never forwarded; the gateway frames each message itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            // what the caller says about addresses is never passed on: the gateway sets X-Forwarded-* itself
            "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port",
            "x-forwarded-prefix", "x-real-ip");

    private final URI publicOrigin;

    public UpstreamHeaders(GatewayConfig config) {
        this.publicOrigin = URI.create(config.publicOrigin());
        if (publicOrigin.getScheme() == null || publicOrigin.getHost() == null) {
            throw new IllegalStateException("miaopu.gateway.public-origin must be scheme://host[:port]: " + config.publicOrigin());
        }
    }

    /** The API's public origin, scheme://host[:port] (miaopu.gateway.public-origin). */
    public URI publicOrigin() {
        return publicOrigin;
    }

    /** The headers of the request to the service. */
    public MultiMap toService(RoutingContext rc) {
        HttpServerRequest in = rc.request();
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
        if (contentLength != null) {
            headers.set("Content-Length", contentLength.trim());
        }
        return headers;
    }

    /** The service's answer headers onto the caller's response (the gateway's own request id kept). */
    public void toCaller(HttpClientResponse response, HttpServerResponse out) {
        response.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))
                    && !h.getKey().equalsIgnoreCase(ProblemMappers.REQUEST_ID_HEADER)) {
                out.headers().add(h.getKey(), h.getValue());
            }
        });
    }
}
