package dev.consentvault.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.notify.Channel;
import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.MessageTemplates;
import dev.consentvault.core.notify.OutboundMessage;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The emailed access link opens Find my data in the language its email is written in. */
class AccessLinkLanguageTest {

    private static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

    @ParameterizedTest(name = "{0}: ?lang={1}")
    @CsvSource({
        "zh-CN, zh-CN",
        "zh-TW, zh-CN",
        "es-CL, es",
        "pt-BR, pt-BR",
        "pt-PT, pt-BR",
        "fr-FR, en",
        "'', en"
    })
    void theLinkNamesTheLanguageOfTheEmailThatCarriesIt(String locale, String lang) {
        String link = AccessLinks.link("https://c.example", locale, TOKEN);
        URI uri = URI.create(link);
        assertEquals("/find-my-data.html", uri.getPath());
        assertEquals("lang=" + lang, uri.getQuery());
        // the token stays in the fragment, which browsers never send to a server
        assertEquals("link=" + TOKEN, uri.getFragment());

        MessageTemplates.Rendered email =
                MessageTemplates.standard()
                        .render(
                                new OutboundMessage(
                                        Channel.EMAIL,
                                        "a@example.com",
                                        locale,
                                        MessageKind.ACCESS_LINK,
                                        Map.of(
                                                OutboundMessage.LINK,
                                                link,
                                                OutboundMessage.EXPIRES_IN_MINUTES,
                                                "15")),
                                "Cerezas SpA");
        assertEquals(lang, email.language());
        assertTrue(email.text().contains(link), email.text());
    }
}
