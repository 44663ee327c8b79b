package dev.consentvault.core.consent;

import dev.consentvault.core.notify.MessageTemplates;
import java.util.Map;

/**
 * The page a confirmation link opens, in the receipt's language (en, es, zh-CN, pt-BR; English
 * otherwise; Spanish addresses the person as <i>usted</i>, as the kit and the messages do). Opening
 * it (GET) only shows a button: mail scanners fetch links, and a fetch must not confirm. The button
 * posts the form back to the same address, which confirms.
 */
public final class ConfirmationPage {

    private record Texts(
            String title, String intro, String button, String done, String doneIntro) {}

    private static final Map<String, Texts> TEXTS =
            Map.of(
                    "en",
                    new Texts(
                            "Confirm your subscription",
                            "Please confirm that you want {controller} to contact you for:",
                            "Yes, confirm",
                            "Confirmed",
                            "Thank you. {controller} may now contact you for:"),
                    "es",
                    new Texts(
                            "Confirme su suscripción",
                            "Confirme que desea que {controller} se ponga en contacto con usted"
                                    + " para:",
                            "Sí, confirmar",
                            "Confirmado",
                            "Gracias. {controller} ya puede ponerse en contacto con usted para:"),
                    "zh-CN",
                    new Texts(
                            "确认您的订阅",
                            "请确认您同意{controller}就以下事项与您联系：",
                            "是的，确认",
                            "已确认",
                            "谢谢。{controller}现在可以就以下事项与您联系："),
                    "pt-BR",
                    new Texts(
                            "Confirme sua inscrição",
                            "Confirme que você quer que {controller} entre em contato com você"
                                    + " para:",
                            "Sim, confirmar",
                            "Confirmado",
                            "Obrigado. Agora {controller} pode entrar em contato com você para:"));

    private final MessageTemplates languages;
    private final String controller;

    public ConfirmationPage(MessageTemplates languages, String controller) {
        this.languages = languages;
        this.controller = controller;
    }

    /** The page with the button (GET). */
    public String ask(Confirmations.Pending pending) {
        Texts t = texts(pending);
        return page(
                pending,
                t.title(),
                t.intro(),
                "<form method=\"post\"><button type=\"submit\">"
                        + escape(t.button())
                        + "</button></form>");
    }

    /** The page after the button was pressed (POST). */
    public String confirmed(Confirmations.Pending pending) {
        Texts t = texts(pending);
        return page(pending, t.done(), t.doneIntro(), "");
    }

    private Texts texts(Confirmations.Pending pending) {
        String language = languages.languageFor(pending.language());
        return TEXTS.getOrDefault(language, TEXTS.get(MessageTemplates.FALLBACK));
    }

    private String page(Confirmations.Pending pending, String title, String intro, String form) {
        StringBuilder items = new StringBuilder();
        pending.purposeDescriptions()
                .forEach(d -> items.append("<li>").append(escape(d)).append("</li>"));
        String language = languages.languageFor(pending.language());
        return "<!doctype html><html lang=\""
                + language
                + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width,initial-scale=1\"><title>"
                + escape(title)
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;"
                + "margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1.1rem;"
                + "padding:.6rem 1.4rem}</style></head><body><h1>"
                + escape(title)
                + "</h1><p>"
                + escape(intro.replace("{controller}", controller))
                + "</p><ul>"
                + items
                + "</ul>"
                + form
                + "</body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
