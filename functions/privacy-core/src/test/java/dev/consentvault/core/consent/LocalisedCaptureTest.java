package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.purpose.PurposeCatalogue;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The receipt records the texts in the language the page showed, and which language that was. */
class LocalisedCaptureTest {

    private final PurposeCatalogue catalogue = PurposeCatalogue.defaults();
    private final CaptureFixture f =
            new CaptureFixture(catalogue, Instant.parse("2026-12-10T09:00:00Z"));

    @ParameterizedTest(name = "page in {0}: receipt in {1}")
    @CsvSource({
        "es-CL, es, Enviarle novedades y ofertas de esta marca por correo electrónico.",
        "zh-CN, zh-CN, 通过电子邮件向您发送本品牌的新闻和优惠信息。",
        "pt-BR, pt-BR, Enviar a você novidades e ofertas desta marca por e-mail.",
        "fr-FR, en, Send you news and offers about this brand by email."
    })
    void theReceiptSpeaksTheLanguageShownAndRecordsTheNoticeShown(
            String pageLocale, String shown, String description) {
        JsonNode receipt =
                f.capture(
                        "{\"subject\": {\"email\": \"ana@example.com\"},"
                                + " \"purposes\": {\"marketing-email\": true},"
                                + " \"noticeVersion\": \"2026-11-01\","
                                + " \"source\": {\"page\": \"cherries\"}, \"jurisdiction\": \"CL\","
                                + " \"ageConfirmed\": true, \"locale\": \""
                                + pageLocale
                                + "\"}");
        assertEquals(shown, receipt.get("language").asText());
        assertEquals(description, receipt.get("purposes").get(0).get("description").asText());
        assertEquals(
                catalogue.notices().find("2026-11-01").orElseThrow().texts().get(shown).sha256(),
                receipt.get("noticeSha256").asText());
        assertEquals(shown, f.view(receipt).get("language").asText());
        assertEquals(description, f.view(receipt).at("/purposes/0/description").asText());
    }
}
