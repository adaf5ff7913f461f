package io.miaopu.chassis.write;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import java.util.function.Function;

/**
 * How one kind of aggregate is written: its name in the change log and in a 404, the division whose
 * jurisdiction covers it, and its own state records for history and for its events.
 *
 * @param type     {@code change_log.aggregate_type}, e.g. {@code organization}, {@code hub-demonstration}
 * @param name     in English for "No such …"
 * @param nameZh   in Chinese for "…不存在"
 * @param division the division code whose jurisdiction covers an aggregate (null when there is none)
 * @param state    its own state record: what history keeps before and after a change, never a REST response
 * @param event    its event payload; when it is the state record, build the kind with {@link #of} (one
 *                 function object for both, so that the state is serialised once for history and event)
 */
public record AggregateKind<A extends Audited>(String type, String name, String nameZh, Function<A, String> division,
                                               Function<A, ?> state, Function<A, ?> event) {

    /** A kind whose events carry its state record, the very one history keeps. */
    public static <A extends Audited> AggregateKind<A> of(String type, String name, String nameZh, Function<A, String> division,
                                                          Function<A, ?> state) {
        return new AggregateKind<>(type, name, nameZh, division, state, state);
    }

    /** The 404 for an aggregate that does not exist (or that the caller may not see). */
    public ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such " + name + ".", nameZh + "不存在。");
    }
}
