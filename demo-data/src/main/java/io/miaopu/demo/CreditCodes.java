package io.miaopu.demo;

/**
 * Unified Social Credit Codes (统一社会信用代码, GB 32100-2015) for the demo's registered organizations:
 * {@code 5} (civil affairs), the legal form's digit, the six-digit county code, {@code 5} and an
 * eight-digit serial, then the check character.
 */
public final class CreditCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private CreditCodes() {
    }

    /** The code of the {@code serial}-th registered organization of the demo in a county. */
    public static String of(String legalForm, String countyCode, int serial) {
        String form = switch (legalForm) {
            case "SOCIAL_GROUP" -> "1";
            case "SOCIAL_SERVICE_INSTITUTION" -> "2";
            case "FOUNDATION" -> "3";
            default -> throw new IllegalArgumentException(legalForm);
        };
        String area = countyCode.matches("\\d{6}") ? countyCode : "511100";
        String body = "5" + form + area + "5" + String.format("%08d", serial);
        return body + check(body);
    }

    /** The 18th character of a 17-character body: (31 − Σ value × 3^(i−1) mod 31) mod 31. */
    public static char check(String body) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(body.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a credit-code character: " + body.charAt(i));
            }
            sum += value * weight;
            weight = weight * 3 % 31;
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    public static boolean valid(String code) {
        return code != null && code.length() == 18 && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)
                && check(code.substring(0, 17)) == code.charAt(17);
    }
}
