package io.miaopu.registry.domain;

/** The vocabularies of what organizations do and report (作用发挥, 规范管理). */
public final class Records {

    private Records() {
    }

    /** Themes of 专项4. */
    public enum Theme {
        /** 邻里守望. */
        NEIGHBOUR_CARE,
        /** 社区协商. */
        CONSULTATION,
        /** 共创平安. */
        SAFETY,
        /** 文化铸魂. */
        CULTURE
    }

    /** The plan's beneficiary groups of neighbourly care. */
    public enum BeneficiaryGroup {
        /** 低保对象. */
        LOW_INCOME,
        /** 特困人员. */
        EXTREMELY_POOR,
        /** 空巢老人. */
        EMPTY_NEST_ELDERLY,
        /** 农村留守人员. */
        RURAL_LEFT_BEHIND,
        /** 困境儿童. */
        CHILDREN_IN_DIFFICULTY,
        /** 残疾人. */
        DISABLED,
        /** 进城务工人员及随迁子女. */
        MIGRANT_WORKERS_AND_CHILDREN
    }

    /** Kinds of major activity that must be reported before they happen (重大活动报告). */
    public enum MajorActivityKind { FESTIVAL, PERFORMANCE, SPORTS, GATHERING }

    /** Who evaluates a work report (评估评议). */
    public enum Evaluator {
        /** 村(社区)两委. */
        TWO_COMMITTEES,
        /** 居民. */
        RESIDENTS
    }

    public enum Rating { EXCELLENT, GOOD, FAIR, POOR }
}
