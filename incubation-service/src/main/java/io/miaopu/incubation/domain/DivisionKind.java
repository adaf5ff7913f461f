package io.miaopu.incubation.domain;

import java.util.Optional;

/**
 * What kind of unit a division is. Township and village kinds follow the statistical code
 * segments (digits 7–9: 001–099 street 街道, 100–199 town 镇, 200–399 township 乡; digits 10–12:
 * 001–199 urban community 居委会, 200–399 rural community 村委会), never the name.
 */
public enum DivisionKind {
    /** 区 */
    DISTRICT(DivisionLevel.COUNTY),
    /** 县, 自治县 */
    COUNTY(DivisionLevel.COUNTY),
    /** 县级市 */
    COUNTY_CITY(DivisionLevel.COUNTY),
    /** 功能区, e.g. 乐山高新区: membership is assigned, not given by the code */
    FUNCTIONAL_ZONE(DivisionLevel.COUNTY),
    /** 街道 */
    STREET(DivisionLevel.TOWNSHIP),
    /** 镇 */
    TOWN(DivisionLevel.TOWNSHIP),
    /** 乡 */
    TOWNSHIP(DivisionLevel.TOWNSHIP),
    /** 城市社区 (居委会) */
    URBAN_COMMUNITY(DivisionLevel.VILLAGE),
    /** 农村社区 (村委会) */
    RURAL_COMMUNITY(DivisionLevel.VILLAGE);

    private final DivisionLevel level;

    DivisionKind(DivisionLevel level) {
        this.level = level;
    }

    public DivisionLevel level() {
        return level;
    }

    /** The kind a statistical code implies at township or village level; empty where the code does not say. */
    public static Optional<DivisionKind> fromStatisticalCode(String code) {
        if (code == null || !code.matches("\\d{9}|\\d{12}")) {
            return Optional.empty();
        }
        int segment = Integer.parseInt(code.substring(code.length() - 3));
        if (code.length() == 9) {
            if (segment >= 1 && segment <= 99) {
                return Optional.of(STREET);
            }
            if (segment >= 100 && segment <= 199) {
                return Optional.of(TOWN);
            }
            return segment >= 200 && segment <= 399 ? Optional.of(TOWNSHIP) : Optional.empty();
        }
        if (segment >= 1 && segment <= 199) {
            return Optional.of(URBAN_COMMUNITY);
        }
        return segment >= 200 && segment <= 399 ? Optional.of(RURAL_COMMUNITY) : Optional.empty();
    }
}
