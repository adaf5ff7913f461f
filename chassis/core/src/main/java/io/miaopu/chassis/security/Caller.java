package io.miaopu.chassis.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as the token says: subject, roles, and jurisdiction ({@code division}, a
 * statistical division code such as 511102004 for 大佛街道). Machine clients have a client id.
 */
public record Caller(String subject, String username, String clientId, Set<String> roles, Optional<String> division) {

    public static final String DIVISION_CLAIM = "division";

    public static Caller of(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return new Caller(null, null, null, Set.of(), Optional.empty());
        }
        Object division = token.getClaim(DIVISION_CLAIM);
        return new Caller(token.getSubject(),
                token.getClaim("preferred_username"),
                token.getClaim("azp"),
                new TreeSet<>(identity.getRoles()),
                Optional.ofNullable(division).map(Object::toString).map(Caller::unquote).filter(s -> !s.isBlank()));
    }

    /** How this caller is written in histories: the user name, else the machine client, else the subject. */
    public String actor() {
        return username != null ? username : clientId != null ? clientId : subject;
    }

    private static String unquote(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
