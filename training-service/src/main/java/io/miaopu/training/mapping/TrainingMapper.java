package io.miaopu.training.mapping;

import io.miaopu.training.domain.AttendanceEntry;
import io.miaopu.training.domain.ExamResult;
import io.miaopu.training.domain.ExamSupport;
import io.miaopu.training.domain.Trainee;
import io.miaopu.training.domain.TrainingSession;
import io.miaopu.training.service.Training;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ledger rows to the API and to events (events never carry a name or a phone). */
public final class TrainingMapper {

    private TrainingMapper() {
    }

    public static Training.SessionResponse toResponse(TrainingSession s, long personTimes) {
        return new Training.SessionResponse(s.id, s.title, s.format, s.topicList(), s.organizingDivision, s.heldOn, s.hours,
                s.trainer, personTimes, s.recordedBy, s.recordedAt);
    }

    public static Training.TraineeResponse toResponse(Trainee t) {
        return new Training.TraineeResponse(t.id, t.name, t.role, t.divisionCode, t.organizationId, t.phone, t.version,
                t.createdAt, t.updatedAt);
    }

    public static Training.EntryResponse toResponse(AttendanceEntry e, boolean reversed) {
        return new Training.EntryResponse(e.id, e.sessionId, e.traineeId, e.kind, e.reverses, e.reason, e.traineeRole,
                e.traineeDivision, e.townshipCode, reversed, e.recordedBy, e.recordedAt);
    }

    public static Training.ExamSupportResponse toResponse(ExamSupport s) {
        return new Training.ExamSupportResponse(s.id, s.traineeId, s.kind, s.amountFen, s.grantedOn, s.note, s.recordedBy,
                s.recordedAt);
    }

    public static Training.ExamResultResponse toResponse(ExamResult r) {
        return new Training.ExamResultResponse(r.id, r.traineeId, r.year, r.level, r.passed, r.recordedBy, r.recordedAt);
    }

    public static Map<String, Object> sessionHeld(TrainingSession s) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", s.id);
        event.put("organizingDivision", s.organizingDivision);
        event.put("format", s.format);
        event.put("topics", s.topicList());
        event.put("heldOn", s.heldOn);
        event.put("hours", s.hours);
        return event;
    }

    public static Map<String, Object> attendance(AttendanceEntry e, TrainingSession s) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", e.id);
        if (e.reverses != null) {
            event.put("reverses", e.reverses);
        }
        event.put("sessionId", s.id);
        event.put("organizingDivision", s.organizingDivision);
        event.put("format", s.format);
        event.put("heldOn", s.heldOn);
        event.put("traineeId", e.traineeId);
        event.put("traineeRole", e.traineeRole);
        event.put("traineeDivision", e.traineeDivision);
        event.put("townshipCode", e.townshipCode);
        return event;
    }

    /** The trainee part of the exam events: who, as role and place, never as a person. */
    public static Map<String, Object> trainee(Map<String, Object> event, Trainee t, String townshipCode) {
        event.put("traineeId", t.id);
        event.put("traineeRole", t.role);
        event.put("traineeDivision", t.divisionCode);
        event.put("townshipCode", townshipCode);
        return event;
    }
}
