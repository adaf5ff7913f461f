package io.miaopu.chassis.problem;

import jakarta.validation.ConstraintViolation;
import java.util.Map;

/** Chinese counterparts of the Bean Validation messages our requests use. */
final class ValidationMessagesZh {

    private static final Map<String, String> BY_CONSTRAINT = Map.ofEntries(
            Map.entry("NotNull", "不能为空"),
            Map.entry("NotBlank", "不能为空白"),
            Map.entry("NotEmpty", "不能为空"),
            Map.entry("Size", "长度不在允许范围内"),
            Map.entry("Pattern", "格式不正确"),
            Map.entry("Min", "小于允许的最小值"),
            Map.entry("Max", "大于允许的最大值"),
            Map.entry("Positive", "必须为正数"),
            Map.entry("PositiveOrZero", "不能为负数"),
            Map.entry("PastOrPresent", "不能晚于今天"),
            Map.entry("Email", "不是有效的电子邮件地址"));

    private ValidationMessagesZh() {
    }

    static String of(ConstraintViolation<?> violation) {
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return BY_CONSTRAINT.getOrDefault(constraint, "不符合规则");
    }
}
