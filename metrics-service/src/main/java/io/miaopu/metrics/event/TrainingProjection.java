package io.miaopu.metrics.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.Inbox;
import io.miaopu.chassis.events.InboxConsumer;
import io.miaopu.training.contract.TrainingEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Person-times (人次) from training's ledger: an attendance adds one to its trainee's division,
 * township-level unit and year held, a reversal takes it away again (T10, T13).
 */
@ApplicationScoped
public class TrainingProjection implements InboxConsumer {

    public static final String CONSUMER = "training";

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    private static final String RECORDED = TrainingEvents.ATTENDANCE_RECORDED.type();
    private static final String REVERSED = TrainingEvents.ATTENDANCE_REVERSED.type();
    private static final String ADD = "insert into training_tally as t (trainee_division, township_code, held_year, person_times) "
            + "values (:division, :township, :year, :delta) on conflict (trainee_division, township_code, held_year) "
            + "do update set person_times = t.person_times + excluded.person_times";
    private static final String DROP_EMPTY = "delete from training_tally where trainee_division = :division "
            + "and township_code = :township and held_year = :year and person_times = 0";

    /** Person-times by the session's organizing division (T13 by where sessions were held). */
    private static final String ADD_SESSION = "insert into session_tally as t (organizing_division, held_year, person_times) "
            + "values (:division, :year, :delta) on conflict (organizing_division, held_year) "
            + "do update set person_times = t.person_times + excluded.person_times";
    private static final String DROP_EMPTY_SESSION = "delete from session_tally where organizing_division = :division "
            + "and held_year = :year and person_times = 0";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Attendance(String traineeDivision, String townshipCode, String organizingDivision, LocalDate heldOn) {
    }

    private final Inbox inbox;
    private final ObjectMapper json;

    public TrainingProjection(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("training")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(this, batch);
    }

    /** Applies events never applied before, in order, inside the caller's transaction. */
    @Override
    public Uni<Void> applyAll(List<EventEnvelope> events) {
        return Inbox.eachInOrder(this::apply).apply(events);
    }

    public Uni<Void> apply(EventEnvelope event) {
        int delta = RECORDED.equals(event.type()) ? 1 : REVERSED.equals(event.type()) ? -1 : 0;
        if (delta == 0) {
            return ProjectionWrites.advanceClock(event.time());
        }
        Attendance a = event.dataAs(json, Attendance.class);
        Map<String, Object> key = Map.of("division", a.traineeDivision(),
                "township", a.townshipCode() == null ? "" : a.townshipCode(), "year", a.heldOn().getYear());
        Map<String, Object> row = new java.util.HashMap<>(key);
        row.put("delta", (long) delta);
        Map<String, Object> sessionKey = Map.of("division", a.organizingDivision() == null ? "" : a.organizingDivision(),
                "year", a.heldOn().getYear());
        Map<String, Object> sessionRow = new java.util.HashMap<>(sessionKey);
        sessionRow.put("delta", (long) delta);
        return ProjectionWrites.execute(ADD, row)
                .chain(() -> ProjectionWrites.execute(DROP_EMPTY, key))
                .chain(() -> ProjectionWrites.execute(ADD_SESSION, sessionRow))
                .chain(() -> ProjectionWrites.execute(DROP_EMPTY_SESSION, sessionKey))
                .chain(() -> ProjectionWrites.advanceClock(event.time()));
    }
}
