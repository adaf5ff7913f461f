package io.miaopu.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.registry.domain.Classification.LegalForm;
import io.miaopu.registry.domain.CreditCode;
import org.junit.jupiter.api.Test;

/** GB 32100-2015 as the issue states it, on the published examples. */
class CreditCodeTest {

    @Test
    void thePublishedExamplesAreValidForTheirLegalForms() {
        assertTrue(CreditCode.problem("53100000500019795A", LegalForm.FOUNDATION).isEmpty());
        assertTrue(CreditCode.problem("51100000500002862F", LegalForm.SOCIAL_GROUP).isEmpty());
        assertEquals('A', CreditCode.checkCharacter("53100000500019795"));
        assertEquals('F', CreditCode.checkCharacter("51100000500002862"));
    }

    @Test
    void aWrongCheckCharacterForbiddenLettersAndAContradictingTypeAreRefused() {
        assertTrue(CreditCode.problem("53100000500019795B", LegalForm.FOUNDATION).orElseThrow()[0].contains("check character"));
        assertTrue(CreditCode.problem("5310000050001979OA", LegalForm.FOUNDATION).orElseThrow()[0].contains("not allowed"));
        for (char forbidden : "IOSVZ".toCharArray()) {
            String code = "531000005000197" + forbidden + "5A";
            assertTrue(CreditCode.problem(code, null).orElseThrow()[0].contains("not allowed"), code);
        }
        assertTrue(CreditCode.problem("53100000500019795a", null).orElseThrow()[0].contains("not allowed"));
        assertTrue(CreditCode.problem("53100000500019795A", LegalForm.SOCIAL_GROUP).orElseThrow()[0].contains("contradicts"));
        assertTrue(CreditCode.problem("5310000050001979", null).orElseThrow()[0].contains("18"));
        // A valid code from another registering authority (9: market regulation) is not a civil-affairs code.
        String company = "91100000" + "500019795";
        String valid = company + CreditCode.checkCharacter(company);
        assertTrue(CreditCode.problem(valid, null).orElseThrow()[0].contains("civil affairs"));
    }
}
