package io.miaopu.training.domain;

import io.miaopu.chassis.write.ChangeType;

/** The fixed vocabularies of the training ledger (能力提升计划); Chinese terms in docs/training.md. */
public final class Vocabulary {

    private Vocabulary() {
    }

    /** 培训方式. */
    public enum Format {
        /** 示范培训. */
        DEMONSTRATION,
        /** 网上课堂. */
        ONLINE_CLASS,
        /** 新媒体教学. */
        NEW_MEDIA
    }

    /** 培训内容. */
    public enum Topic {
        /** 党的建设. */
        PARTY_BUILDING,
        /** 培育发展. */
        CULTIVATION,
        /** 能力建设. */
        CAPACITY_BUILDING,
        /** 日常运作. */
        DAILY_OPERATION
    }

    /** Who is trained (培训对象). */
    public enum Role {
        /** 街道(乡镇)民政助理. */
        CIVIL_AFFAIRS_ASSISTANT,
        /** 城乡社区工作者. */
        COMMUNITY_WORKER,
        /** 儿童主任. */
        CHILD_DIRECTOR,
        /** 社区社会组织负责人. */
        ORG_LEADER,
        /** 社区社会工作者. */
        SOCIAL_WORKER,
        /** 社区志愿者. */
        VOLUNTEER
    }

    /** 考试帮扶: 考试教材, 考前培训, 考试费用. */
    public enum ExamSupportKind { MATERIALS, PRE_EXAM_TRAINING, EXAM_FEE }

    /** 助理社会工作师 / 社会工作师. */
    public enum ExamLevel { ASSISTANT, INTERMEDIATE }

    /** A ledger entry: one person-time, or the reversal of one; also the entry's change type in the change log. */
    public enum EntryKind implements ChangeType { RECORDED, REVERSED }

    /** A session recorded once held, as the change log names it. */
    public enum SessionChange implements ChangeType { HELD }

    /** An exam record, as the change log names it. */
    public enum ExamChange implements ChangeType { SUPPORT_GRANTED, RESULT_RECORDED }

    /** What happened to a trainee, as the change log names it. */
    public enum TraineeChange implements ChangeType { REGISTERED, CORRECTED }
}
