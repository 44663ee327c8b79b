package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.i18n.SpanishRegister;
import dev.consentvault.core.notify.MessageTemplates;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfirmationPageTest {

    private final ConfirmationPage page =
            new ConfirmationPage(MessageTemplates.standard(), "Cerejas Ltda");

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en    | en    | Yes, confirm   | Confirmed",
                "es-CL | es    | Sí, confirmar  | Confirmado",
                "zh-CN | zh-CN | 是的，确认      | 已确认",
                "pt-BR | pt-BR | Sim, confirmar | Confirmado",
                "pt-PT | pt-BR | Sim, confirmar | Confirmado",
                "zh-TW | zh-CN | 是的，确认      | 已确认",
                "zh-HK | zh-CN | 是的，确认      | 已确认"
            })
    void theLinkOpensThePageInTheReceiptsLanguage(
            String receiptLanguage, String lang, String button, String done) {
        Confirmations.Pending pending =
                new Confirmations.Pending("r-1", receiptLanguage, List.of("Novidades por e-mail"));
        String ask = page.ask(pending);
        assertTrue(ask.contains("<html lang=\"" + lang + "\">"), ask);
        assertTrue(ask.contains(">" + button + "</button>"), ask);
        assertTrue(ask.contains("Cerejas Ltda"), ask);
        assertTrue(ask.contains("<li>Novidades por e-mail</li>"), ask);
        String confirmed = page.confirmed(pending);
        assertTrue(confirmed.contains(done), confirmed);
        assertFalse(confirmed.contains("<button"), confirmed);
        if (lang.equals("es")) {
            assertNull(SpanishRegister.tuWord(ask + confirmed), ask + confirmed);
            assertTrue(ask.contains("con usted"), ask);
        }
        if (!lang.equals("en")) {
            assertFalse(ask.contains("Confirm your") || confirmed.contains("Thank you"), ask);
        }
    }
}
