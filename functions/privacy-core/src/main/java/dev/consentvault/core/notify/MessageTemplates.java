package dev.consentvault.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.i18n.Locales;
import dev.consentvault.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of every message kind in every language shipped ({@code messages.json}: every one of
 * {@link Locales#SUPPORTED}), chosen by the capture's locale with English as the fallback.
 * Placeholders are the message's parameters, {@code {controller}} (the brand, from configuration)
 * and {@code {expiresIn}} ({@code expiresInMinutes} in words). Checked whole when loaded: every
 * kind in every language, and no placeholder a kind's parameters cannot fill.
 */
public final class MessageTemplates {

    public static final String FALLBACK = "en";

    /** A message ready to send: a subject (email only) and plain text. */
    public record Rendered(String language, String subject, String text) {
        @Override
        public String toString() {
            // the text carries links and codes
            return "Rendered[language=" + language + "]";
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

    private record Template(String subject, String text) {}

    private final Map<String, Map<MessageKind, Template>> byLanguage;

    private MessageTemplates(Map<String, Map<MessageKind, Template>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    public static MessageTemplates standard() {
        try (InputStream in = MessageTemplates.class.getResourceAsStream("/messages.json")) {
            MessageTemplates templates = parse(Json.read(in));
            if (!templates.languages().containsAll(Locales.SUPPORTED)) {
                throw new IllegalStateException(
                        "messages.json lacks one of the supported languages " + Locales.SUPPORTED);
            }
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageTemplates parse(JsonNode root) {
        Map<String, Map<MessageKind, Template>> byLanguage = new LinkedHashMap<>();
        root.fields()
                .forEachRemaining(
                        language -> {
                            Map<MessageKind, Template> kinds = new EnumMap<>(MessageKind.class);
                            for (MessageKind kind : MessageKind.values()) {
                                JsonNode t = language.getValue().get(kind.name());
                                if (t == null
                                        || !t.path("subject").isTextual()
                                        || !t.path("text").isTextual()) {
                                    throw new IllegalStateException(
                                            "messages." + language.getKey() + " lacks " + kind);
                                }
                                Template template =
                                        new Template(
                                                t.get("subject").asText(), t.get("text").asText());
                                check(language.getKey(), kind, template.subject());
                                check(language.getKey(), kind, template.text());
                                kinds.put(kind, template);
                            }
                            byLanguage.put(language.getKey(), kinds);
                        });
        if (!byLanguage.containsKey(FALLBACK)) {
            throw new IllegalStateException("messages lack the fallback language " + FALLBACK);
        }
        return new MessageTemplates(byLanguage);
    }

    private static void check(String language, MessageKind kind, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            boolean known =
                    name.equals("controller")
                            || (name.equals("expiresIn")
                                    && kind.requiredParams()
                                            .contains(OutboundMessage.EXPIRES_IN_MINUTES))
                            || kind.requiredParams().contains(name);
            if (!known) {
                throw new IllegalStateException(
                        "messages." + language + "." + kind + " uses {" + name + "}");
            }
        }
    }

    /** The languages shipped. */
    public Set<String> languages() {
        return byLanguage.keySet();
    }

    /**
     * The language a locale gets: the one {@link Locales#of} chooses for the API, the catalogue and
     * the receipts (es-ES reads es, pt-PT pt-BR, zh-TW and zh-HK zh-CN, fr en), so a person reads
     * the messages in the language the page and the receipt showed them; English when these
     * templates lack it.
     */
    public String languageFor(String locale) {
        String language = Locales.of(locale);
        return byLanguage.containsKey(language) ? language : FALLBACK;
    }

    /**
     * The message in its language.
     *
     * @param controller the brand the message comes from
     * @throws IllegalArgumentException when a parameter the kind needs is missing (its name only)
     */
    public Rendered render(OutboundMessage message, String controller) {
        for (String required : message.kind().requiredParams()) {
            if (!message.params().containsKey(required)) {
                throw new IllegalArgumentException(
                        message.kind() + " needs the parameter " + required);
            }
        }
        String language = languageFor(message.locale());
        Template template = byLanguage.get(language).get(message.kind());
        Map<String, String> values = new LinkedHashMap<>(message.params());
        values.put("controller", controller);
        String minutes = message.params().get(OutboundMessage.EXPIRES_IN_MINUTES);
        if (minutes != null) {
            values.put("expiresIn", duration(language, Long.parseLong(minutes)));
        }
        return new Rendered(
                language, fill(template.subject(), values), fill(template.text(), values));
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Each language's minute, minutes, hour, hours, day, days. */
    private static final Map<String, List<String>> UNIT_WORDS =
            Map.of(
                    "en", List.of("minute", "minutes", "hour", "hours", "day", "days"),
                    "es", List.of("minuto", "minutos", "hora", "horas", "día", "días"),
                    "zh-CN", List.of("分钟", "分钟", "小时", "小时", "天", "天"),
                    "pt-BR", List.of("minuto", "minutos", "hora", "horas", "dia", "dias"));

    /** "7 days", "15 minutes", in the message's language. */
    static String duration(String language, long minutes) {
        long n;
        int unit; // 0 minutes, 1 hours, 2 days
        if (minutes % 1440 == 0) {
            n = minutes / 1440;
            unit = 2;
        } else if (minutes % 60 == 0) {
            n = minutes / 60;
            unit = 1;
        } else {
            n = minutes;
            unit = 0;
        }
        List<String> words = UNIT_WORDS.getOrDefault(language, UNIT_WORDS.get(FALLBACK));
        return n + " " + words.get(unit * 2 + (n == 1 ? 0 : 1));
    }
}
