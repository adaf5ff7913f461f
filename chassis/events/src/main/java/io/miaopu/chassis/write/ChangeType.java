package io.miaopu.chassis.write;

/**
 * A kind of change of an aggregate, as its history names it (REGISTERED, UPDATED, REVOKED …). Each
 * aggregate's change types are an enum implementing this, so a history never holds a misspelt one.
 */
public interface ChangeType {

    String name();
}
