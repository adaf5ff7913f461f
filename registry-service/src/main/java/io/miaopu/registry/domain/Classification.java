package io.miaopu.registry.domain;

/**
 * The fixed vocabularies of an organization (分类管理, 专项2). Names are the API's JSON values; the
 * Chinese terms are in docs/glossary.md and docs/organizations.md.
 */
public final class Classification {

    private Classification() {
    }

    /** 法人形态: only registered organizations have one. */
    public enum LegalForm {
        /** 社会团体; credit-code type digit 1. */
        SOCIAL_GROUP('1'),
        /** 社会服务机构 (formerly 民办非企业单位); type digit 2. */
        SOCIAL_SERVICE_INSTITUTION('2'),
        /** 基金会; type digit 3. */
        FOUNDATION('3');

        private final char creditCodeType;

        LegalForm(char creditCodeType) {
            this.creditCodeType = creditCodeType;
        }

        /** The second character of a credit code issued to this legal form by civil affairs. */
        public char creditCodeType() {
            return creditCodeType;
        }
    }

    /** 分类管理. */
    public enum ManagementClass {
        /** 依法登记. */
        REGISTERED,
        /** 乡镇(街道)管理 (备案). */
        TOWNSHIP_MANAGED,
        /** 村(社区)指导 (备案). */
        COMMUNITY_GUIDED
    }

    /** 类型 (专项2): the axis of the yearly targets T6/T7. */
    public enum Category {
        /** 功能服务型. */
        FUNCTIONAL_SERVICE,
        /** 兴趣爱好型、志愿服务型. */
        INTEREST_VOLUNTEER
    }

    public enum Subcategory {
        /** 生活服务类. */
        LIFE_SERVICE(Category.FUNCTIONAL_SERVICE),
        /** 社区事务类. */
        COMMUNITY_AFFAIRS(Category.FUNCTIONAL_SERVICE),
        /** 文体类. */
        CULTURE_SPORTS(Category.INTEREST_VOLUNTEER),
        /** 公益慈善类. */
        CHARITY_VOLUNTEER(Category.INTEREST_VOLUNTEER);

        private final Category category;

        Subcategory(Category category) {
            this.category = category;
        }

        public Category category() {
            return category;
        }
    }

    /** 状态. */
    public enum Status {
        ACTIVE,
        /** 活动异常. */
        ABNORMAL,
        /** 暂停活动. */
        SUSPENDED,
        /** 注销: final. */
        DEREGISTERED;

        /** ACTIVE ↔ ABNORMAL; ACTIVE or ABNORMAL → SUSPENDED → ACTIVE; any but DEREGISTERED → DEREGISTERED. */
        public boolean mayBecome(Status next) {
            return switch (this) {
                case ACTIVE -> next == ABNORMAL || next == SUSPENDED || next == DEREGISTERED;
                case ABNORMAL -> next == ACTIVE || next == SUSPENDED || next == DEREGISTERED;
                case SUSPENDED -> next == ACTIVE || next == DEREGISTERED;
                case DEREGISTERED -> false;
            };
        }

        /**
         * As {@link #mayBecome(Status)}, and besides, when {@code correction} (the change states another
         * effective day than the one recorded), the same status again: that corrects the day it took effect.
         */
        public boolean mayBecome(Status next, boolean correction) {
            return next == this ? correction : mayBecome(next);
        }
    }
}
