package io.miaopu.chassis.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON value one of our deserializers refuses, with the reason in English (the message) and in
 * Chinese: the problem names the field with this reason rather than a generic "wrong type".
 */
public class RefusedValue extends InvalidFormatException {

    private final String reasonZh;

    public RefusedValue(JsonParser parser, String reason, String reasonZh, Object value, Class<?> targetType) {
        super(parser, reason, value, targetType);
        this.reasonZh = reasonZh;
    }

    public String reason() {
        return getOriginalMessage();
    }

    public String reasonZh() {
        return reasonZh;
    }
}
