package io.miaopu.training.contract;

import io.miaopu.chassis.events.EventType;

/** The facts training-service publishes on miaopu.training.v1. */
public final class TrainingEvents {

    public static final String TOPIC = "miaopu.training.v1";

    /** Keyed by the session id. */
    public static final EventType SESSION_HELD = of("training-session.held");
    /** Keyed by the session id, so that a session's entries stay in ledger order. */
    public static final EventType ATTENDANCE_RECORDED = of("attendance.recorded");
    public static final EventType ATTENDANCE_REVERSED = of("attendance.reversed");
    /** Keyed by the trainee id. */
    public static final EventType EXAM_SUPPORT_GRANTED = of("exam-support.granted");
    public static final EventType EXAM_RESULT_RECORDED = of("exam-result.recorded");

    private TrainingEvents() {
    }

    private static EventType of(String fact) {
        return new EventType(TOPIC, "io.miaopu.training." + fact + ".v1");
    }
}
