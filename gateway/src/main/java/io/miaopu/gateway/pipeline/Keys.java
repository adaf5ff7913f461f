package io.miaopu.gateway.pipeline;

/** What the stages leave on a request's routing context for the later ones (and the access log). */
final class Keys {
    static final String STARTED = "miaopu.started";
    static final String ROUTE = "miaopu.route";
    static final String CLIENT = "miaopu.client";
    static final String EXCHANGE = "miaopu.exchange";

    private Keys() {
    }
}
