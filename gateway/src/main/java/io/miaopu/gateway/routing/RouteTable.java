package io.miaopu.gateway.routing;

import io.miaopu.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds the route that owns a request path: the longest configured prefix, on segment boundaries. */
@ApplicationScoped
public class RouteTable {

    public static final String ANY_AUTHENTICATED = "authenticated";
    public static final String ANONYMOUS = "anonymous";

    /** A resolved route. */
    public record Match(String prefix, String upstream, Optional<String> rewrite, Set<String> roles, Optional<Long> maxBodyBytes) {

        public boolean isPublic() {
            return roles.contains(ANONYMOUS);
        }

        public boolean allows(Set<String> callerRoles) {
            return roles.contains(ANY_AUTHENTICATED) || callerRoles.stream().anyMatch(roles::contains);
        }

        /** The path to request upstream. */
        public String upstreamPath(String path) {
            return rewrite.map(r -> r + path.substring(prefix.length())).orElse(path);
        }
    }

    private final List<Match> routes;

    public RouteTable(GatewayConfig config) {
        this.routes = config.routes().stream()
                .map(r -> {
                    if (!config.upstreams().containsKey(r.upstream())) {
                        throw new IllegalStateException("route " + r.prefix() + " names unknown upstream " + r.upstream());
                    }
                    return new Match(r.prefix(), r.upstream(), r.rewrite(), Set.copyOf(r.roles()), r.maxBodyBytes());
                })
                .sorted(Comparator.comparingInt((Match m) -> m.prefix().length()).reversed())
                .toList();
    }

    public Optional<Match> match(String path) {
        return routes.stream().filter(r -> covers(r.prefix(), path)).findFirst();
    }

    private static boolean covers(String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return prefix.endsWith("/") || path.length() == prefix.length() || path.charAt(prefix.length()) == '/'
                || path.charAt(prefix.length()) == '?';
    }
}
