package dev.consentvault.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalesTest {

    @ParameterizedTest(name = "Accept-Language: {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL | en",
                "'' | en",
                "es-CL,es;q=0.9,en;q=0.8 | es",
                "zh-CN,zh;q=0.9 | zh-CN",
                "zh-Hant-TW | zh-CN",
                "zh | zh-CN",
                "pt-PT | pt-BR",
                "pt-br | pt-BR",
                "fr-FR,fr;q=0.9 | en",
                "fr-FR, pt;q=0.5, es;q=0.7 | es",
                "de;q=1, zh-CN;q=0 | en",
                "*;q=0.5, es;q=0.4 | en",
                "garbage;;;,, | en",
                "; | en",
                ";,;q=1 | en",
                "es;q=abc, zh-CN;q=0.2 | es",
                "en-GB | en"
            })
    void theBestSupportedMatchWinsAndUnknownIsEnglish(String header, String expected) {
        assertEquals(expected, Locales.negotiate(header));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"es-ES, es", "es-CL, es", "zh-CN, zh-CN", "ZH-cn, zh-CN", "pt-BR, pt-BR", "ja, en"})
    void aTagReadsInTheLocaleOfItsLanguage(String tag, String expected) {
        assertEquals(expected, Locales.of(tag));
    }
}
