package io.miaopu.demo;

import java.util.List;
import java.util.Random;

/** The words the demo's names are made of: organization kinds by subcategory, people's names, reasons. */
final class Vocabulary {

    private Vocabulary() {
    }

    /** What kind of community organization, the service areas it serves, and where it is found. */
    record Kind(String subcategory, String suffix, List<String> serviceAreas, Where where) {
    }

    enum Where { ANY, URBAN, RURAL }

    static final List<Kind> KINDS = List.of(
            // 生活服务类
            kind("LIFE_SERVICE", "夕阳红养老服务队", Where.ANY, "ELDERLY_CARE"),
            kind("LIFE_SERVICE", "居家养老互助会", Where.ANY, "ELDERLY_CARE"),
            kind("LIFE_SERVICE", "老年协会", Where.ANY, "ELDERLY_CARE", "CULTURE_EDUCATION"),
            kind("LIFE_SERVICE", "爱心食堂服务队", Where.URBAN, "ELDERLY_CARE"),
            kind("LIFE_SERVICE", "健康服务志愿队", Where.ANY, "HEALTH_CARE"),
            kind("LIFE_SERVICE", "健康养生协会", Where.ANY, "HEALTH_CARE", "ELDERLY_CARE"),
            kind("LIFE_SERVICE", "四点半课堂", Where.URBAN, "CHILD_CARE", "CULTURE_EDUCATION"),
            kind("LIFE_SERVICE", "托育互助中心", Where.URBAN, "CHILD_CARE"),
            kind("LIFE_SERVICE", "家长学校", Where.ANY, "CULTURE_EDUCATION", "CHILD_CARE"),
            kind("LIFE_SERVICE", "读书会", Where.ANY, "CULTURE_EDUCATION"),
            kind("LIFE_SERVICE", "就业技能培训社", Where.ANY, "EMPLOYMENT_TRAINING"),
            kind("LIFE_SERVICE", "巧手家政服务队", Where.URBAN, "HOUSEKEEPING_REPAIR"),
            kind("LIFE_SERVICE", "便民维修服务队", Where.ANY, "HOUSEKEEPING_REPAIR"),
            kind("LIFE_SERVICE", "留守老人互助组", Where.RURAL, "ELDERLY_CARE"),
            // 社区事务类
            kind("COMMUNITY_AFFAIRS", "环境卫生志愿队", Where.ANY, "SANITATION"),
            kind("COMMUNITY_AFFAIRS", "垃圾分类督导队", Where.URBAN, "SANITATION"),
            kind("COMMUNITY_AFFAIRS", "平安巡逻队", Where.ANY, "SECURITY_PATROL"),
            kind("COMMUNITY_AFFAIRS", "红袖标治安巡逻队", Where.URBAN, "SECURITY_PATROL", "SAFETY_MANAGEMENT"),
            kind("COMMUNITY_AFFAIRS", "消防安全宣传队", Where.ANY, "SAFETY_MANAGEMENT"),
            kind("COMMUNITY_AFFAIRS", "心理疏导服务社", Where.URBAN, "MENTAL_HEALTH"),
            kind("COMMUNITY_AFFAIRS", "法律服务志愿队", Where.ANY, "LEGAL_SERVICE"),
            kind("COMMUNITY_AFFAIRS", "社区矫正帮教小组", Where.ANY, "COMMUNITY_CORRECTION"),
            kind("COMMUNITY_AFFAIRS", "物业协商议事会", Where.URBAN, "PROPERTY_CONSULTATION"),
            kind("COMMUNITY_AFFAIRS", "小区业主协商会", Where.URBAN, "PROPERTY_CONSULTATION", "DISPUTE_MEDIATION"),
            kind("COMMUNITY_AFFAIRS", "红白理事会", Where.ANY, "WEDDING_FUNERAL"),
            kind("COMMUNITY_AFFAIRS", "矛盾纠纷调解会", Where.ANY, "DISPUTE_MEDIATION"),
            kind("COMMUNITY_AFFAIRS", "院坝议事会", Where.RURAL, "DISPUTE_MEDIATION"),
            kind("COMMUNITY_AFFAIRS", "乡贤理事会", Where.RURAL, "DISPUTE_MEDIATION", "RURAL_PRODUCTION"),
            kind("COMMUNITY_AFFAIRS", "农技服务协会", Where.RURAL, "RURAL_PRODUCTION"),
            kind("COMMUNITY_AFFAIRS", "茶叶种植互助会", Where.RURAL, "RURAL_PRODUCTION"),
            kind("COMMUNITY_AFFAIRS", "农机互助服务队", Where.RURAL, "RURAL_PRODUCTION"),
            // 文体类
            kind("CULTURE_SPORTS", "书画协会", Where.ANY, "CALLIGRAPHY_PAINTING"),
            kind("CULTURE_SPORTS", "摄影协会", Where.URBAN, "CALLIGRAPHY_PAINTING"),
            kind("CULTURE_SPORTS", "篮球队", Where.ANY, "BALL_GAMES"),
            kind("CULTURE_SPORTS", "乒乓球协会", Where.ANY, "BALL_GAMES"),
            kind("CULTURE_SPORTS", "门球队", Where.URBAN, "BALL_GAMES"),
            kind("CULTURE_SPORTS", "象棋协会", Where.ANY, "CHESS_CARDS"),
            kind("CULTURE_SPORTS", "广场舞队", Where.ANY, "SONG_DANCE", "FITNESS"),
            kind("CULTURE_SPORTS", "坝坝舞队", Where.RURAL, "SONG_DANCE"),
            kind("CULTURE_SPORTS", "合唱团", Where.ANY, "SONG_DANCE"),
            kind("CULTURE_SPORTS", "腰鼓队", Where.ANY, "PERFORMANCE"),
            kind("CULTURE_SPORTS", "文艺宣传队", Where.ANY, "PERFORMANCE", "SONG_DANCE"),
            kind("CULTURE_SPORTS", "龙狮队", Where.ANY, "PERFORMANCE", "MARTIAL_ARTS"),
            kind("CULTURE_SPORTS", "健身气功站", Where.ANY, "FITNESS"),
            kind("CULTURE_SPORTS", "登山健步队", Where.ANY, "FITNESS"),
            kind("CULTURE_SPORTS", "太极拳协会", Where.ANY, "MARTIAL_ARTS", "FITNESS"),
            kind("CULTURE_SPORTS", "川剧玩友会", Where.ANY, "OPERA"),
            kind("CULTURE_SPORTS", "民乐队", Where.ANY, "MUSICAL_INSTRUMENTS"),
            // 公益慈善类
            kind("CHARITY_VOLUNTEER", "邻里守望志愿服务队", Where.ANY, "ELDERLY_ORPHAN_SUPPORT"),
            kind("CHARITY_VOLUNTEER", "爱心帮扶协会", Where.ANY, "POVERTY_RELIEF"),
            kind("CHARITY_VOLUNTEER", "关爱留守儿童志愿队", Where.RURAL, "ELDERLY_ORPHAN_SUPPORT", "MEDICAL_STUDY_AID"),
            kind("CHARITY_VOLUNTEER", "助残服务队", Where.ANY, "SICK_DISABLED_SUPPORT"),
            kind("CHARITY_VOLUNTEER", "爱心助学会", Where.ANY, "MEDICAL_STUDY_AID"),
            kind("CHARITY_VOLUNTEER", "应急救援志愿队", Where.ANY, "EMERGENCY_RELIEF"),
            kind("CHARITY_VOLUNTEER", "环保志愿服务队", Where.ANY, "ENVIRONMENTAL_PROTECTION"),
            kind("CHARITY_VOLUNTEER", "护河志愿队", Where.ANY, "ENVIRONMENTAL_PROTECTION"),
            kind("CHARITY_VOLUNTEER", "巾帼志愿服务队", Where.ANY, "POVERTY_RELIEF", "ELDERLY_ORPHAN_SUPPORT"),
            kind("CHARITY_VOLUNTEER", "党员志愿服务队", Where.ANY, "POVERTY_RELIEF", "ENVIRONMENTAL_PROTECTION"),
            kind("CHARITY_VOLUNTEER", "新时代文明实践志愿队", Where.ANY, "ENVIRONMENTAL_PROTECTION", "ELDERLY_ORPHAN_SUPPORT"),
            kind("CHARITY_VOLUNTEER", "红十字救护队", Where.ANY, "EMERGENCY_RELIEF", "SICK_DISABLED_SUPPORT"),
            kind("CHARITY_VOLUNTEER", "慈善超市志愿队", Where.URBAN, "POVERTY_RELIEF"));

    static final String[] SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
            + "任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴莫孔向汤").split("");
    static final String[] GIVEN = {"秀英", "桂英", "建华", "志强", "丽", "敏", "静", "伟", "芳", "娜", "军", "洋", "勇", "艳",
            "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "玉兰", "晓燕", "海燕", "文", "华", "红", "建国", "建军", "德明",
            "国强", "春梅", "小红", "丹", "磊", "鹏", "浩", "宇", "欣怡", "子涵", "淑珍", "永福", "德芳", "光荣", "玉珍",
            "学文", "泽宇", "雨婷", "思远", "成刚", "大伟", "金凤", "兴华", "守成", "红梅", "志勇", "秋菊", "慧", "琳"};

    static final String[] ABNORMAL_REASONS = {"连续一年未开展活动，列入活动异常", "未按期向社区“两委”报送工作报告",
            "负责人联系方式失效，无法取得联系"};
    static final String[] DEREGISTER_REASONS = {"组织已解散，负责人申请注销", "与同社区同类组织合并，原组织注销",
            "连续两年未开展活动，经评议予以注销"};
    static final String SUSPEND_REASON = "负责人变更、成员重组期间暂停活动";

    static final String[] TRAINERS = {"乐山师范学院 李老师", "市社会组织孵化基地 张老师", "四川省社会工作协会 陈老师",
            "市民政局基层政权科 王老师", "西南交通大学峨眉校区 刘老师", "市社工协会 周老师", "县民政局 杨老师"};

    private static Kind kind(String subcategory, String suffix, Where where, String... areas) {
        return new Kind(subcategory, suffix, List.of(areas), where);
    }

    static String personName(Random random) {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
    }

    static String mobile(Random random) {
        String[] prefixes = {"133", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "177", "180",
                "181", "183", "187", "189", "191", "199"};
        return prefixes[random.nextInt(prefixes.length)] + String.format("%08d", random.nextInt(100_000_000));
    }

    static String ordinal(int n) {
        String[] digits = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
        return n <= 10 ? digits[n] : "十" + digits[n - 10];
    }
}
