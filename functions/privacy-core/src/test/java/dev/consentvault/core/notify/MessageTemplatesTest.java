package dev.consentvault.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.i18n.Locales;
import dev.consentvault.core.i18n.SpanishRegister;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTemplatesTest {

    private final MessageTemplates templates = MessageTemplates.standard();

    private static Map<String, String> paramsFor(MessageKind kind) {
        Map<String, String> params = new HashMap<>();
        for (String p : kind.requiredParams()) {
            params.put(
                    p,
                    switch (p) {
                        case OutboundMessage.LINK -> "https://c.example/v1/x/TOKEN";
                        case OutboundMessage.CODE -> "042917";
                        case OutboundMessage.EXPIRES_IN_MINUTES -> "15";
                        case OutboundMessage.DUE_DATE -> "2027-01-06";
                        default -> "ID-" + p;
                    });
        }
        return params;
    }

    @Test
    void everyKindHasItsTextInEveryLanguageWithEveryValueInIt() {
        assertEquals(Set.of("en", "es", "zh-CN", "pt-BR"), templates.languages());
        for (String locale : new String[] {"en-GB", "es-ES", "zh-CN", "pt-BR"}) {
            for (MessageKind kind : MessageKind.values()) {
                OutboundMessage m =
                        new OutboundMessage(
                                Channel.EMAIL, "a@example.com", locale, kind, paramsFor(kind));
                MessageTemplates.Rendered r = templates.render(m, "Cherries Ltd");
                String all = r.subject() + "\n" + r.text();
                assertFalse(all.contains("{"), locale + " " + kind + ": " + all);
                assertTrue(all.contains("Cherries Ltd"), locale + " " + kind);
                for (Map.Entry<String, String> p : m.params().entrySet()) {
                    if (!p.getKey().equals(OutboundMessage.EXPIRES_IN_MINUTES)) {
                        assertTrue(all.contains(p.getValue()), locale + " " + kind + " " + p);
                    }
                }
                assertFalse(all.contains("a@example.com"), "the recipient is not in the text");
            }
        }
    }

    @ParameterizedTest(name = "{0} gets {1}")
    @CsvSource({
        "es-ES, es",
        "es-MX, es",
        "es, es",
        "zh-CN, zh-CN",
        "zh, zh-CN",
        "zh-Hans-SG, zh-CN",
        "zh-TW, zh-CN",
        "zh-Hant-HK, zh-CN",
        "pt-BR, pt-BR",
        "pt-PT, pt-BR",
        "pt, pt-BR",
        "fr-FR, en",
        "en-US, en",
        "'', en"
    })
    void theLocaleChoosesTheLanguageWithEnglishAsFallback(String locale, String language) {
        assertEquals(language, templates.languageFor(locale));
    }

    @Test
    void spanishMessagesAddressThePersonAsUstedAsTheKitDoes() {
        for (MessageKind kind : MessageKind.values()) {
            MessageTemplates.Rendered r =
                    templates.render(
                            new OutboundMessage(
                                    Channel.EMAIL, "a@example.com", "es-CL", kind, paramsFor(kind)),
                            "Cerezas SpA");
            String all = r.subject() + "\n" + r.text();
            assertEquals("es", r.language());
            assertNull(SpanishRegister.tuWord(all), kind + ": " + all);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "zh-TW",
        "zh-HK",
        "zh-Hant",
        "zh-Hans-CN",
        "es-CL",
        "ES-mx",
        "pt-PT",
        "pt-br",
        "en-IN",
        "fr",
        "de-DE",
        "ja",
        "x-klingon",
        "''"
    })
    void theMessagesReadInTheLanguageTheApiAnswersIn(String locale) {
        assertEquals(Locales.of(locale), templates.languageFor(locale));
    }

    @Test
    void theValidityIsSaidInWordsOfTheLanguage() {
        Map<String, String> params = paramsFor(MessageKind.CONFIRM_EMAIL);
        params.put(OutboundMessage.EXPIRES_IN_MINUTES, "10080");
        String en =
                templates
                        .render(
                                new OutboundMessage(
                                        Channel.EMAIL,
                                        "a@example.com",
                                        null,
                                        MessageKind.CONFIRM_EMAIL,
                                        params),
                                "C")
                        .text();
        assertTrue(en.contains("for 7 days"), en);
        String es =
                templates
                        .render(
                                new OutboundMessage(
                                        Channel.EMAIL,
                                        "a@example.com",
                                        "es-ES",
                                        MessageKind.CONFIRM_EMAIL,
                                        params),
                                "C")
                        .text();
        assertTrue(es.contains("durante 7 días"), es);
        assertEquals("15 分钟", MessageTemplates.duration("zh-CN", 15));
        assertEquals("1 hour", MessageTemplates.duration("en", 60));
        assertEquals("15 minutos", MessageTemplates.duration("pt-BR", 15));
        assertEquals("1 dia", MessageTemplates.duration("pt-BR", 1440));
    }

    @Test
    void aMessageWithoutAValueItsKindNeedsIsRefusedNamingTheParameterOnly() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                templates.render(
                                        new OutboundMessage(
                                                Channel.SMS,
                                                "+34600000000",
                                                "es",
                                                MessageKind.CONFIRM_SMS,
                                                Map.of(OutboundMessage.EXPIRES_IN_MINUTES, "5")),
                                        "C"));
        assertEquals("CONFIRM_SMS needs the parameter code", e.getMessage());
    }

    @Test
    void aBrazilianGetsTheAccessLinkInPortugueseNotInEnglish() {
        Map<String, String> params = paramsFor(MessageKind.ACCESS_LINK);
        MessageTemplates.Rendered r =
                templates.render(
                        new OutboundMessage(
                                Channel.EMAIL,
                                "a@example.com",
                                "pt-BR",
                                MessageKind.ACCESS_LINK,
                                params),
                        "Cerejas Ltda");
        assertEquals("pt-BR", r.language());
        assertEquals("Seu link para os dados que Cerejas Ltda tem sobre você", r.subject());
        assertTrue(r.text().contains("O link vale uma única vez, por 15 minutos."), r.text());
    }
}
