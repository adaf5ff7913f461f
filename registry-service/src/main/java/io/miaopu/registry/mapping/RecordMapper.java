package io.miaopu.registry.mapping;

import io.miaopu.registry.domain.Activity;
import io.miaopu.registry.domain.Evaluation;
import io.miaopu.registry.domain.MajorActivityReport;
import io.miaopu.registry.domain.PartyLiaison;
import io.miaopu.registry.domain.WorkReport;
import io.miaopu.registry.service.RecordApi;
import java.util.List;

/** Records to their API form. */
public final class RecordMapper {

    private RecordMapper() {
    }

    public static RecordApi.ActivityResponse toResponse(Activity a, List<RecordApi.Beneficiaries> beneficiaries) {
        return new RecordApi.ActivityResponse(a.id, a.organizationId, a.theme, a.heldOn, beneficiaries,
                RecordApi.total(beneficiaries), a.description, a.recordedBy, a.recordedAt);
    }

    public static RecordApi.MajorActivityResponse toResponse(MajorActivityReport r) {
        return new RecordApi.MajorActivityResponse(r.id, r.organizationId, r.kind, r.title, r.plannedOn, r.expectedAttendance,
                r.venue, r.recordedBy, r.recordedAt);
    }

    public static RecordApi.WorkReportResponse toResponse(WorkReport r) {
        return new RecordApi.WorkReportResponse(r.id, r.organizationId, r.period, r.content, r.recordedBy, r.recordedAt);
    }

    public static RecordApi.EvaluationResponse toResponse(Evaluation e) {
        return new RecordApi.EvaluationResponse(e.id, e.workReportId, e.evaluator, e.rating, e.comment, e.evaluatedOn,
                e.recordedBy, e.recordedAt);
    }

    public static RecordApi.PartyLiaisonResponse toResponse(PartyLiaison p) {
        return new RecordApi.PartyLiaisonResponse(p.id, p.organizationId, p.liaison, p.partyOrganization, p.since, p.recordedBy,
                p.recordedAt);
    }
}
