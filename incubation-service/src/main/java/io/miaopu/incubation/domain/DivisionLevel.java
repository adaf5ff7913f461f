package io.miaopu.incubation.domain;

/** The five levels of the incubation hierarchy (五级联动孵化体系). */
public enum DivisionLevel {
    /** 省 */
    PROVINCE,
    /** 市 */
    CITY,
    /** 县/市/区, and the functional zone */
    COUNTY,
    /** 乡镇/街道 */
    TOWNSHIP,
    /** 村/社区 */
    VILLAGE;

    /** The level directly above, or null for the province. */
    public DivisionLevel parent() {
        return this == PROVINCE ? null : values()[ordinal() - 1];
    }

    /** Length of a statistical code at this level (2, 4, 6, 9, 12). */
    public int statisticalCodeLength() {
        return switch (this) {
            case PROVINCE -> 2;
            case CITY -> 4;
            case COUNTY -> 6;
            case TOWNSHIP -> 9;
            case VILLAGE -> 12;
        };
    }
}
