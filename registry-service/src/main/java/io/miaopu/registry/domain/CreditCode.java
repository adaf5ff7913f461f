package io.miaopu.registry.domain;

import io.miaopu.registry.domain.Classification.LegalForm;
import java.util.Optional;

/**
 * The Unified Social Credit Code (统一社会信用代码) of GB 32100-2015: 18 characters of
 * {@code 0-9A-HJ-NPQRTUWXY}; the 18th is a check character over the first 17 with weights
 * 3^(i−1) mod 31. Position 1 is the registering authority (5: civil affairs), position 2 the
 * kind of organization (1 social group, 2 social service institution, 3 foundation).
 */
public final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    public static final char CIVIL_AFFAIRS = '5';

    private CreditCode() {
    }

    /** Why the code is not acceptable for an organization of {@code legalForm} (may be null), or empty when it is. */
    public static Optional<String[]> problem(String code, LegalForm legalForm) {
        if (code.length() != 18) {
            return reason("must have 18 characters", "须为 18 位");
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return reason("character " + (i + 1) + " '" + code.charAt(i)
                        + "' is not allowed (only 0-9 and capital letters without I, O, S, V, Z)",
                        "第 " + (i + 1) + " 位“" + code.charAt(i) + "”不是合法字符（仅数字及除 I、O、S、V、Z 外的大写字母）");
            }
        }
        if (code.charAt(17) != checkCharacter(code.substring(0, 17))) {
            return reason("the check character (18th) is wrong", "校验码（第 18 位）错误");
        }
        if (code.charAt(0) != CIVIL_AFFAIRS) {
            return reason("was not issued by civil affairs (first character must be 5)", "不是民政部门赋予的代码（第 1 位须为 5）");
        }
        if (legalForm != null && code.charAt(1) != legalForm.creditCodeType()) {
            return reason("its type (second character " + code.charAt(1) + ") contradicts the legal form " + legalForm
                            + " (expects " + legalForm.creditCodeType() + ")",
                    "机构类别（第 2 位 " + code.charAt(1) + "）与法人形态不符（应为 " + legalForm.creditCodeType() + "）");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters: (31 − Σ value·weight mod 31) mod 31. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    private static Optional<String[]> reason(String en, String zh) {
        return Optional.of(new String[] {en, zh});
    }
}
