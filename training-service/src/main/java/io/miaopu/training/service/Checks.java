package io.miaopu.training.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

/** What training's checks share: the date in China, and the shape of a mobile number. */
final class Checks {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    private Checks() {
    }

    static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    /** The mobile number with spaces and dashes removed, if it is one. */
    static String mobile(String phone) {
        return phone == null ? null : phone.replaceAll("[\\s-]", "");
    }
}
