package io.miaopu.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.registry.domain.Classification.Status;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every pair of statuses: ACTIVE ↔ ABNORMAL; ACTIVE or ABNORMAL → SUSPENDED → ACTIVE; any → DEREGISTERED, final. */
class StatusTransitionTest {

    private static final Set<String> ALLOWED = Set.of(
            "ACTIVE>ABNORMAL", "ABNORMAL>ACTIVE",
            "ACTIVE>SUSPENDED", "ABNORMAL>SUSPENDED", "SUSPENDED>ACTIVE",
            "ACTIVE>DEREGISTERED", "ABNORMAL>DEREGISTERED", "SUSPENDED>DEREGISTERED");

    @Test
    void exactlyThePlansTransitionsAreAllowed() {
        for (Status from : Status.values()) {
            for (Status to : Status.values()) {
                assertEquals(ALLOWED.contains(from + ">" + to), from.mayBecome(to), from + " → " + to);
            }
        }
    }
}
