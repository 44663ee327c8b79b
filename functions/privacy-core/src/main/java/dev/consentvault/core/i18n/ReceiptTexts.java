package dev.consentvault.core.i18n;

import java.util.Map;

/**
 * The sentences a receipt explains its decisions with, in every supported locale. Reviewed for
 * meaning (the person must understand why a purpose was refused), not translated word for word.
 */
public final class ReceiptTexts {

    private ReceiptTexts() {}

    private static final Map<String, Map<String, String>> REASONS =
            Map.of(
                    "gpc",
                    Map.of(
                            "en",
                            "Your browser sent a Global Privacy Control signal, so this purpose"
                                    + " (sale or sharing of personal data) was refused.",
                            "es",
                            "Su navegador envió una señal de Control Global de Privacidad (GPC),"
                                    + " por eso se rechazó este fin (venta o cesión de datos"
                                    + " personales).",
                            "zh-CN",
                            "您的浏览器发送了“全球隐私控制”（GPC）信号，因此此用途（出售或共享个人信息）已被拒绝。",
                            "pt-BR",
                            "Seu navegador enviou um sinal de Controle Global de Privacidade (GPC),"
                                    + " por isso esta finalidade (venda ou compartilhamento de"
                                    + " dados pessoais) foi recusada."),
                    "under-age",
                    Map.of(
                            "en",
                            "You said you are under the age at which the law lets you consent"
                                    + " alone, so this purpose was refused and no personal data"
                                    + " was kept for it. It needs the consent of a parent or"
                                    + " guardian.",
                            "es",
                            "Indicó que no tiene la edad a partir de la cual la ley le permite"
                                    + " consentir por sí mismo, por eso se rechazó este fin y no"
                                    + " se guardó ningún dato personal para él. Necesita el"
                                    + " consentimiento de su madre, padre o tutor.",
                            "zh-CN",
                            "您表示未达到法律允许您独立作出同意的年龄，因此此用途已被拒绝，且未为其保存任何个人信息。此用途需要您的父母或其他监护人同意。",
                            "pt-BR",
                            "Você informou ter menos da idade a partir da qual a lei permite"
                                    + " consentir sozinho, por isso esta finalidade foi recusada e"
                                    + " nenhum dado pessoal foi guardado para ela. É preciso o"
                                    + " consentimento de um dos pais ou do responsável legal."),
                    "separate-consent-refused",
                    Map.of(
                            "en",
                            "The law here asks for your separate consent before your data is"
                                    + " provided to the recipients named (or sent abroad, or"
                                    + " handled as sensitive data). You did not give it, so this"
                                    + " purpose was refused and no personal data was kept for"
                                    + " it.",
                            "es",
                            "La ley aplicable exige su consentimiento por separado antes de"
                                    + " entregar sus datos a los destinatarios indicados (o"
                                    + " enviarlos al extranjero, o tratarlos como datos"
                                    + " sensibles). No lo dio, por eso se rechazó este fin y no"
                                    + " se guardó ningún dato personal para él.",
                            "zh-CN",
                            "根据此处适用的法律，向列明的接收方提供您的个人信息（或向境外提供、或处理敏感个人信息）之前，须取得您的单独同意。您未给予单独同意，因此此用途已被拒绝，且未为其保存任何个人信息。",
                            "pt-BR",
                            "A lei aplicável exige seu consentimento específico e separado antes"
                                    + " de seus dados serem fornecidos aos destinatários indicados"
                                    + " (ou enviados ao exterior, ou tratados como dados"
                                    + " sensíveis). Você não o deu, por isso esta finalidade foi"
                                    + " recusada e nenhum dado pessoal foi guardado para ela."));

    /**
     * "Check your inbox" / "Check your phone", per confirmation channel ({@code email}, {@code
     * sms}): {to} is where the message went (masked), or the channel's "your address" words when
     * unknown.
     */
    private static final Map<String, Map<String, String>> PENDING =
            Map.of(
                    "email",
                    Map.of(
                            "en",
                            "Check your inbox: we sent a confirmation link to {to}. Nothing is"
                                    + " sent for these purposes until you open it and confirm.",
                            "es",
                            "Revise su correo: le enviamos un enlace de confirmación a {to}. No"
                                    + " se le enviará nada para estos fines hasta que lo abra y"
                                    + " confirme.",
                            "zh-CN",
                            "请查收您的邮件：我们已向 {to} 发送了确认链接。在您打开链接并确认之前，我们不会为这些用途向您发送任何内容。",
                            "pt-BR",
                            "Verifique seu e-mail: enviamos um link de confirmação para {to}."
                                    + " Nada será enviado para estas finalidades até você abri-lo"
                                    + " e confirmar."),
                    "sms",
                    Map.of(
                            "en",
                            "Check your phone: we sent a 6-digit code to {to}. Enter it to"
                                    + " confirm; nothing is sent for these purposes until you"
                                    + " do.",
                            "es",
                            "Revise su teléfono: le enviamos un código de 6 dígitos a {to}."
                                    + " Escríbalo para confirmar; no se le enviará nada para"
                                    + " estos fines hasta que lo haga.",
                            "zh-CN",
                            "请查看您的手机：我们已向 {to} 发送了 6 位验证码。请输入验证码进行确认；在您确认之前，我们不会为这些用途向您发送任何内容。",
                            "pt-BR",
                            "Verifique seu celular: enviamos um código de 6 dígitos para {to}."
                                    + " Digite-o para confirmar; nada será enviado para estas"
                                    + " finalidades até você fazer isso."));

    /** The words for "where it went" when the masked address is not known. */
    private static final Map<String, Map<String, String>> YOUR_ADDRESS =
            Map.of(
                    "email",
                    Map.of(
                            "en", "your email address",
                            "es", "su correo electrónico",
                            "zh-CN", "您的电子邮箱",
                            "pt-BR", "seu e-mail"),
                    "sms",
                    Map.of(
                            "en", "your number",
                            "es", "su número",
                            "zh-CN", "您的手机号码",
                            "pt-BR", "seu número"));

    /**
     * What a receipt tells the person about a confirmation waiting on {@code channel} ({@code
     * email} or {@code sms}), sent to {@code sentTo} (masked; null when not known), in a supported
     * locale.
     *
     * @throws IllegalArgumentException for an unknown channel
     */
    public static String pendingNotice(String channel, String sentTo, String locale) {
        Map<String, String> texts = PENDING.get(channel);
        if (texts == null) {
            throw new IllegalArgumentException("no confirmation notice for channel " + channel);
        }
        String language = Locales.of(locale);
        String to =
                sentTo != null
                        ? sentTo
                        : YOUR_ADDRESS
                                .get(channel)
                                .getOrDefault(
                                        language, YOUR_ADDRESS.get(channel).get(Locales.DEFAULT));
        return texts.getOrDefault(language, texts.get(Locales.DEFAULT)).replace("{to}", to);
    }

    /** Why a purpose was not granted as asked, in a supported locale; null for no known reason. */
    public static String reason(String reason, String locale) {
        Map<String, String> texts = REASONS.get(reason);
        if (texts == null) {
            return null;
        }
        return texts.getOrDefault(Locales.of(locale), texts.get(Locales.DEFAULT));
    }
}
