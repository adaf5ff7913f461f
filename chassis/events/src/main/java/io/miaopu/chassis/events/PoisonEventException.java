package io.miaopu.chassis.events;

/**
 * A message no retry can fix: unparseable, of an unknown type, or not matching its schema. It goes
 * to the consumer's dead-letter topic with this message as the reason, and consumption continues.
 */
public class PoisonEventException extends RuntimeException {

    public enum Reason { UNPARSEABLE, UNKNOWN_TYPE, SCHEMA_INVALID }

    private final Reason reason;

    public PoisonEventException(Reason reason, String detail) {
        super(reason.name().toLowerCase().replace('_', '-') + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
