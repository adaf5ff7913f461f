package io.miaopu.incubation.service;

import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.Audited;
import java.util.function.Function;

/** Aggregate kinds of incubation whose event payload is their own state record. */
final class Kinds {

    private Kinds() {
    }

    /**
     * A kind whose event carries its state: the very same function twice, so that {@link io.miaopu.chassis.write.Writes}
     * serializes the state once for history and event (two method references would be two functions).
     */
    static <A extends Audited> AggregateKind<A> eventIsState(String type, String name, String nameZh,
                                                            Function<A, String> division, Function<A, ?> state) {
        return new AggregateKind<>(type, name, nameZh, division, state, state);
    }
}
