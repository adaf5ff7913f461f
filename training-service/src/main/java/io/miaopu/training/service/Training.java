package io.miaopu.training.service;

import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.training.domain.Vocabulary.EntryKind;
import io.miaopu.training.domain.Vocabulary.ExamLevel;
import io.miaopu.training.domain.Vocabulary.ExamSupportKind;
import io.miaopu.training.domain.Vocabulary.Format;
import io.miaopu.training.domain.Vocabulary.Role;
import io.miaopu.training.domain.Vocabulary.Topic;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The training ledger's requests and answers, owned by its services (rest/ serves them as they are; their names and
 * schemas are the API's).
 */
public final class Training {

    private Training() {
    }

    @Schema(description = "A training session (培训), recorded once held.")
    public record SessionInput(
            @Schema(required = true, description = "1–200 characters") String title,
            @Schema(required = true, description = "DEMONSTRATION 示范培训, ONLINE_CLASS 网上课堂, NEW_MEDIA 新媒体教学") Format format,
            @Schema(required = true, description = "PARTY_BUILDING 党的建设, CULTIVATION 培育发展, CAPACITY_BUILDING 能力建设, "
                    + "DAILY_OPERATION 日常运作; at least one, each once") List<Topic> topics,
            @Schema(required = true, description = "The active division (city, county, township or community) that organized it")
            String organizingDivision,
            @Schema(required = true, description = "When it was held: not in the future") LocalDate heldOn,
            @Schema(required = true, description = "Length in hours, more than 0 and at most 200, to one decimal") BigDecimal hours,
            @Schema(description = "Who taught, at most 50 characters") String trainer) {
    }

    public record SessionResponse(UUID id, String title, Format format, List<Topic> topics, String organizingDivision,
                                  LocalDate heldOn, BigDecimal hours, String trainer,
                                  @Schema(description = "Person-times net of reversals") long personTimes,
                                  String recordedBy, OffsetDateTime recordedAt) {
    }

    @Schema(description = "A person trained (学员). One person is one trainee: registering the same mobile phone again "
            + "finds the same trainee.")
    public record TraineeInput(
            @Schema(required = true, description = "Name, 1–50 characters") String name,
            @Schema(required = true, description = "CIVIL_AFFAIRS_ASSISTANT 民政助理, COMMUNITY_WORKER 社区工作者, CHILD_DIRECTOR 儿童主任, "
                    + "ORG_LEADER 社区社会组织负责人, SOCIAL_WORKER 社会工作者, VOLUNTEER 志愿者") Role role,
            @Schema(required = true, description = "The active division the trainee serves (city, county, township or community)")
            String divisionCode,
            @Schema(description = "The organization the trainee belongs to, if any (known to registry, not deregistered)")
            UUID organizationId,
            @Schema(required = true, description = "11-digit mobile phone: the stable key of the person. Personal data: never in "
                    + "events, logs or public answers") String phone) {
    }

    public record TraineeResponse(UUID id, String name, Role role, String divisionCode, UUID organizationId, String phone,
                                  long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    @Schema(description = "One trainee at one session: one person-time (人次).")
    public record AttendanceInput(@Schema(required = true) UUID traineeId) {
    }

    @Schema(description = "A correction: cancels one attendance, with the reason (冲正).")
    public record ReversalInput(@Schema(required = true, description = "Why, 1–500 characters") String reason) {
    }

    @Schema(description = "A ledger entry: RECORDED is one person-time, REVERSED cancels the entry it names.")
    public record EntryResponse(UUID id, UUID sessionId, UUID traineeId, EntryKind kind, UUID reverses, String reason,
                                Role traineeRole, String traineeDivision, String townshipCode, boolean reversed,
                                String recordedBy, OffsetDateTime recordedAt) {
    }

    @Schema(description = "What a sign-in sheet upload did: every row accounted for.")
    public record UploadReport(int rows, int recorded, int alreadyRecorded, int traineesRegistered, int rejected,
                               List<RowError> errors) {
    }

    public record RowError(int row, List<FieldError> errors) {
    }

    @Schema(description = "Support for the national social-worker qualification exam (考试帮扶).")
    public record ExamSupportInput(
            @Schema(required = true) UUID traineeId,
            @Schema(required = true, description = "MATERIALS 考试教材, PRE_EXAM_TRAINING 考前培训, EXAM_FEE 考试费用")
            ExamSupportKind kind,
            @Schema(required = true, description = "Amount in fen (分), more than 0 and at most 100,000,000") Long amountFen,
            @Schema(required = true, description = "Not in the future") LocalDate grantedOn,
            @Schema(description = "At most 500 characters") String note) {
    }

    public record ExamSupportResponse(UUID id, UUID traineeId, ExamSupportKind kind, long amountFen, LocalDate grantedOn,
                                      String note, String recordedBy, OffsetDateTime recordedAt) {
    }

    @Schema(description = "A result of the national social-worker qualification exam.")
    public record ExamResultInput(
            @Schema(required = true) UUID traineeId,
            @Schema(required = true, description = "Exam year, 2008 to this year") Integer year,
            @Schema(required = true, description = "ASSISTANT 助理社会工作师 or INTERMEDIATE 社会工作师") ExamLevel level,
            @Schema(required = true) Boolean passed) {
    }

    public record ExamResultResponse(UUID id, UUID traineeId, int year, ExamLevel level, boolean passed, String recordedBy,
                                     OffsetDateTime recordedAt) {
    }

    @Schema(description = "A township-level unit and its person-times in the ledger's filters.")
    public record TownshipCoverage(String code, String name, long personTimes) {
    }

    @Schema(description = "The training ledger (培训台账) of a division: person-times net of reversals (T10), distinct "
            + "trainees, their breakdowns, and the township-level units that have had training (T13).")
    public record Ledger(String division,
                         @Schema(description = "The first day counted as asked; null: every session before to") LocalDate from,
                         LocalDate to, Role role, Format format,
                         long personTimes, long recorded, long reversed, long distinctTrainees,
                         Map<Role, Long> byRole, Map<Format, Long> byFormat, Map<Integer, Long> byYear,
                         long townshipsWithTraining, long townships,
                         @Schema(description = "townshipsWithTraining ÷ townships, 0–1; null when the division has no "
                                 + "township-level unit") Double townshipShare,
                         List<TownshipCoverage> townshipUnits) {
    }
}
