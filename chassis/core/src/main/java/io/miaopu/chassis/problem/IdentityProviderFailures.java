package io.miaopu.chassis.problem;

import io.quarkus.oidc.OIDCException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Tells an authentication that failed because Keycloak could not be reached (answer 503, the
 * caller may retry) from one that failed because the token is bad (answer 401).
 */
public final class IdentityProviderFailures {

    private IdentityProviderFailures() {
    }

    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OIDCException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof TimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            if (t.getClass().getName().equals("io.vertx.core.impl.NoStackTraceTimeoutException")) {
                return true;
            }
        }
        return false;
    }
}
