package dev.consentvault.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiptTextsTest {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "email | en | Check your inbox: we sent a confirmation link to a**@example.com.",
                "email | es-CL | Revise su correo: le enviamos un enlace de confirmación a"
                        + " a**@example.com.",
                "email | zh-CN | 请查收您的邮件：我们已向 a**@example.com 发送了确认链接。",
                "email | pt-BR | Verifique seu e-mail: enviamos um link de confirmação para"
                        + " a**@example.com.",
                "sms | en | Check your phone: we sent a 6-digit code to a**@example.com.",
                "sms | es | Revise su teléfono: le enviamos un código de 6 dígitos a a**@example.com.",
                "sms | zh-CN | 请查看您的手机：我们已向 a**@example.com 发送了 6 位验证码。",
                "sms | pt-PT | Verifique seu celular: enviamos um código de 6 dígitos para"
                        + " a**@example.com."
            })
    void aPendingConfirmationIsExplainedInTheReceiptsLanguage(
            String channel, String locale, String start) {
        String notice = ReceiptTexts.pendingNotice(channel, "a**@example.com", locale);
        assertTrue(notice.startsWith(start), notice);
        assertFalse(notice.contains("{to}"), notice);
    }

    @Test
    void anUnknownOrMissingLanguageIsEnglish() {
        assertEquals(
                ReceiptTexts.pendingNotice("email", "a**@example.com", "en"),
                ReceiptTexts.pendingNotice("email", "a**@example.com", "ja"));
        assertEquals(
                ReceiptTexts.pendingNotice("sms", "+34*******33", "en"),
                ReceiptTexts.pendingNotice("sms", "+34*******33", null));
    }

    @Test
    void withoutAMaskedAddressTheNoticeNamesTheChannelInTheSameLanguage() {
        assertTrue(
                ReceiptTexts.pendingNotice("email", null, "es")
                        .startsWith(
                                "Revise su correo: le enviamos un enlace de confirmación a su"
                                        + " correo electrónico."));
        assertTrue(
                ReceiptTexts.pendingNotice("sms", null, "zh-CN")
                        .startsWith("请查看您的手机：我们已向 您的手机号码 发送了 6 位验证码。"));
        assertTrue(
                ReceiptTexts.pendingNotice("sms", null, "pt-BR")
                        .startsWith(
                                "Verifique seu celular: enviamos um código de 6 dígitos para seu número."));
        assertTrue(
                ReceiptTexts.pendingNotice("email", null, "en")
                        .startsWith(
                                "Check your inbox: we sent a confirmation link to your email address."));
    }

    @Test
    void everySupportedLanguageHasItsOwnTextForEveryNoticeAndReason() {
        for (String channel : List.of("email", "sms")) {
            Set<String> seen = new HashSet<>();
            for (String locale : Locales.SUPPORTED) {
                assertTrue(
                        seen.add(ReceiptTexts.pendingNotice(channel, "x", locale)),
                        channel + " in " + locale + " is another language's text");
            }
        }
        for (String reason : List.of("gpc", "under-age", "separate-consent-refused")) {
            for (String locale : Locales.SUPPORTED) {
                String text = ReceiptTexts.reason(reason, locale);
                if (!locale.equals(Locales.DEFAULT)) {
                    assertNotEquals(ReceiptTexts.reason(reason, "en"), text, reason + " " + locale);
                }
            }
        }
    }

    @Test
    void anUnknownChannelIsAProgrammingError() {
        assertThrows(
                IllegalArgumentException.class, () -> ReceiptTexts.pendingNotice("fax", "x", "en"));
    }
}
