package io.miaopu.registry.domain;

import io.miaopu.registry.domain.Classification.Subcategory;

/**
 * Service areas (服务领域): the plan's lists of what each kind of organization does (规划 专项2),
 * one code per item, under the subcategory that names it. An organization may serve areas of more
 * than one subcategory.
 */
public enum ServiceArea {
    ELDERLY_CARE(Subcategory.LIFE_SERVICE, "社区养老", "Elderly care"),
    HEALTH_CARE(Subcategory.LIFE_SERVICE, "医疗保健", "Health care"),
    CHILD_CARE(Subcategory.LIFE_SERVICE, "托幼", "Child care"),
    CULTURE_EDUCATION(Subcategory.LIFE_SERVICE, "文化教育", "Culture and education"),
    EMPLOYMENT_TRAINING(Subcategory.LIFE_SERVICE, "就业培训", "Employment training"),
    HOUSEKEEPING_REPAIR(Subcategory.LIFE_SERVICE, "家政维修", "Housekeeping and repair"),
    SANITATION(Subcategory.COMMUNITY_AFFAIRS, "社区卫生", "Community sanitation"),
    SECURITY_PATROL(Subcategory.COMMUNITY_AFFAIRS, "治安巡逻", "Security patrols"),
    SAFETY_MANAGEMENT(Subcategory.COMMUNITY_AFFAIRS, "安全管理", "Safety management"),
    MENTAL_HEALTH(Subcategory.COMMUNITY_AFFAIRS, "心理健康", "Mental health"),
    LEGAL_SERVICE(Subcategory.COMMUNITY_AFFAIRS, "法律服务", "Legal services"),
    COMMUNITY_CORRECTION(Subcategory.COMMUNITY_AFFAIRS, "社区矫正", "Community correction"),
    PROPERTY_CONSULTATION(Subcategory.COMMUNITY_AFFAIRS, "物业协商", "Property-management consultation"),
    WEDDING_FUNERAL(Subcategory.COMMUNITY_AFFAIRS, "婚丧事务", "Weddings and funerals"),
    DISPUTE_MEDIATION(Subcategory.COMMUNITY_AFFAIRS, "纠纷调处", "Dispute mediation"),
    RURAL_PRODUCTION(Subcategory.COMMUNITY_AFFAIRS, "农村生产生活服务", "Rural production and living services"),
    CALLIGRAPHY_PAINTING(Subcategory.CULTURE_SPORTS, "书画", "Calligraphy and painting"),
    BALL_GAMES(Subcategory.CULTURE_SPORTS, "球类", "Ball games"),
    CHESS_CARDS(Subcategory.CULTURE_SPORTS, "棋牌", "Chess and cards"),
    SONG_DANCE(Subcategory.CULTURE_SPORTS, "歌舞", "Song and dance"),
    PERFORMANCE(Subcategory.CULTURE_SPORTS, "表演", "Performance"),
    FITNESS(Subcategory.CULTURE_SPORTS, "健身", "Fitness"),
    MARTIAL_ARTS(Subcategory.CULTURE_SPORTS, "武术", "Martial arts"),
    OPERA(Subcategory.CULTURE_SPORTS, "戏曲", "Opera"),
    MUSICAL_INSTRUMENTS(Subcategory.CULTURE_SPORTS, "乐器", "Musical instruments"),
    POVERTY_RELIEF(Subcategory.CHARITY_VOLUNTEER, "扶贫济困", "Poverty relief"),
    ELDERLY_ORPHAN_SUPPORT(Subcategory.CHARITY_VOLUNTEER, "扶老救孤", "Support for the elderly and orphans"),
    SICK_DISABLED_SUPPORT(Subcategory.CHARITY_VOLUNTEER, "恤病助残", "Support for the sick and disabled"),
    MEDICAL_STUDY_AID(Subcategory.CHARITY_VOLUNTEER, "助医助学", "Medical and study aid"),
    EMERGENCY_RELIEF(Subcategory.CHARITY_VOLUNTEER, "应急救灾", "Emergency relief"),
    ENVIRONMENTAL_PROTECTION(Subcategory.CHARITY_VOLUNTEER, "环境保护", "Environmental protection");

    private final Subcategory subcategory;
    private final String nameZh;
    private final String nameEn;

    ServiceArea(Subcategory subcategory, String nameZh, String nameEn) {
        this.subcategory = subcategory;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public Subcategory subcategory() {
        return subcategory;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
