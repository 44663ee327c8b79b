package dev.consentvault.core.i18n;

import static java.util.Map.entry;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages of a 400's field errors ({@code errors[].message}), per message key, in every
 * supported locale. Shown by the landing kit beside the field, so written as a web form in each
 * language would say it: Spanish with <i>usted</i> (neutral, usable from Spain to Chile), Brazilian
 * Portuguese with <i>você</i>, Simplified Chinese. {@code {name}} placeholders take values known
 * only at run time (jurisdiction codes, ages, purpose ids, notice versions, recipients); they are
 * filled in as given, never translated. JSON member names and literal values ({@code true}, {@code
 * "es-ES"}) stay as the API spells them. The English texts are the API's historical messages,
 * unchanged.
 */
public final class FieldTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

    private FieldTexts() {}

    private static Map<String, String> t(String en, String es, String zh, String pt) {
        return Map.of("en", en, "es", es, "zh-CN", zh, "pt-BR", pt);
    }

    private static final Map<String, Map<String, String>> TEXTS =
            Map.ofEntries(
                    entry(
                            "not-accepted",
                            t(
                                    "is not accepted by this API",
                                    "no es aceptado por esta API",
                                    "此 API 不接受该字段",
                                    "não é aceito por esta API")),
                    entry(
                            "must-be-string",
                            t(
                                    "must be a string",
                                    "debe ser un texto",
                                    "必须为字符串",
                                    "deve ser um texto")),
                    entry(
                            "required",
                            t("is required", "es obligatorio", "此项为必填项", "é obrigatório")),
                    entry(
                            "locale-tag",
                            t(
                                    "must be a BCP 47 language tag such as \"es-ES\"",
                                    "debe ser una etiqueta de idioma BCP 47, como \"es-ES\"",
                                    "必须为 BCP 47 语言标记，例如 \"es-ES\"",
                                    "deve ser uma etiqueta de idioma BCP 47, como \"es-ES\"")),
                    entry(
                            "email-or-phone-not-both",
                            t(
                                    "give either an email address or a phone number (not both)",
                                    "indique un correo electrónico o un número de teléfono (no"
                                            + " ambos)",
                                    "请填写电子邮箱或手机号码（二选一，不能同时填写）",
                                    "informe um e-mail ou um número de telefone (não os dois)")),
                    entry(
                            "email",
                            t(
                                    "must be an email address",
                                    "debe ser una dirección de correo electrónico",
                                    "必须为电子邮箱地址",
                                    "deve ser um endereço de e-mail")),
                    entry(
                            "phone-international",
                            t(
                                    "must be an international phone number such as +34600000000",
                                    "debe ser un número de teléfono internacional, como"
                                            + " +34600000000",
                                    "必须为国际格式的电话号码，例如 +34600000000",
                                    "deve ser um número de telefone internacional, como"
                                            + " +34600000000")),
                    entry(
                            "link-or-phone-and-code",
                            t(
                                    "give the link's token alone, or the phone number and code",
                                    "indique solo el token del enlace, o bien el número de teléfono"
                                            + " y el código",
                                    "请只填写链接中的令牌，或者填写手机号码和验证码",
                                    "informe só o token do link, ou então o número de telefone e o"
                                            + " código")),
                    entry(
                            "link-token",
                            t(
                                    "must be the token from the link we sent (43 characters)",
                                    "debe ser el token del enlace que le enviamos (43 caracteres)",
                                    "必须为我们发送给您的链接中的令牌（43 个字符）",
                                    "deve ser o token do link que enviamos (43 caracteres)")),
                    entry(
                            "link-or-phone-and-6-digit-code",
                            t(
                                    "give the link's token, or the phone number and the 6-digit"
                                            + " code we sent",
                                    "indique el token del enlace, o bien el número de teléfono y"
                                            + " el código de 6 dígitos que le enviamos",
                                    "请填写链接中的令牌，或者填写手机号码和我们发送的 6 位验证码",
                                    "informe o token do link, ou então o número de telefone e o"
                                            + " código de 6 dígitos que enviamos")),
                    entry(
                            "code",
                            t(
                                    "must be the 6-digit code we sent",
                                    "debe ser el código de 6 dígitos que le enviamos",
                                    "必须为我们发送的 6 位验证码",
                                    "deve ser o código de 6 dígitos que enviamos")),
                    entry(
                            "withdraw-purposes",
                            t(
                                    "must list at least one purpose id; send {} to withdraw all",
                                    "debe indicar al menos un identificador de fin; envíe {} para"
                                            + " retirarlos todos",
                                    "必须至少列出一个用途编号；如需全部撤回，请发送 {}",
                                    "deve indicar pelo menos um identificador de finalidade; envie"
                                            + " {} para revogar todas")),
                    entry(
                            "purpose-id-string",
                            t(
                                    "must be a purpose id (a string)",
                                    "debe ser un identificador de fin (un texto)",
                                    "必须为用途编号（字符串）",
                                    "deve ser um identificador de finalidade (um texto)")),
                    entry(
                            "not-receipt-purpose",
                            t(
                                    "is not a purpose of this receipt",
                                    "no es un fin de este recibo",
                                    "不是此回执中的用途",
                                    "não é uma finalidade deste recibo")),
                    entry(
                            "jurisdiction-code",
                            t(
                                    "must be an ISO 3166 code such as \"EU\", \"GB\" or \"US-CA\"",
                                    "debe ser un código ISO 3166, como \"EU\", \"GB\" o \"US-CA\"",
                                    "必须为 ISO 3166 代码，例如 \"EU\"、\"GB\" 或 \"US-CA\"",
                                    "deve ser um código ISO 3166, como \"EU\", \"GB\" ou"
                                            + " \"US-CA\"")),
                    entry(
                            "jurisdiction-unsupported",
                            t(
                                    "is not a supported jurisdiction; supported: {supported}",
                                    "no es una jurisdicción admitida; se admiten: {supported}",
                                    "不是受支持的司法管辖区；受支持的有：{supported}",
                                    "não é uma jurisdição suportada; são suportadas: {supported}")),
                    entry(
                            "notice-unknown",
                            t(
                                    "is not a notice version in the catalogue (see notices in GET"
                                            + " /v1/purposes)",
                                    "no es una versión de aviso del catálogo (vea notices en GET"
                                            + " /v1/purposes)",
                                    "不是目录中的隐私声明版本（参见 GET /v1/purposes 中的 notices）",
                                    "não é uma versão de aviso do catálogo (veja notices em GET"
                                            + " /v1/purposes)")),
                    entry(
                            "notice-unknown-current",
                            t(
                                    "is not a notice version in the catalogue (see notices in GET"
                                            + " /v1/purposes); the notice in effect is {current}",
                                    "no es una versión de aviso del catálogo (vea notices en GET"
                                            + " /v1/purposes); el aviso vigente es {current}",
                                    "不是目录中的隐私声明版本（参见 GET /v1/purposes 中的"
                                            + " notices）；现行隐私声明版本为 {current}",
                                    "não é uma versão de aviso do catálogo (veja notices em GET"
                                            + " /v1/purposes); o aviso em vigor é {current}")),
                    entry(
                            "notice-replaced",
                            t(
                                    "was replaced by {version}, a material change for {purpose}:"
                                            + " show that notice and send its version",
                                    "fue reemplazado por {version}, un cambio sustancial para"
                                            + " {purpose}: muestre ese aviso y envíe su versión",
                                    "已被 {version} 取代，该版本对 {purpose} 有重大变更：请展示该隐私声明并提交其版本号",
                                    "foi substituído por {version}, uma mudança relevante para"
                                            + " {purpose}: mostre esse aviso e envie a versão dele")),
                    entry(
                            "separate-object",
                            t(
                                    "must be an object of purpose id to true or false",
                                    "debe ser un objeto que asocie cada identificador de fin a true o false",
                                    "必须为对象，键为用途编号，值为 true 或 false",
                                    "deve ser um objeto de identificador de finalidade para true"
                                            + " ou false")),
                    entry(
                            "separate-not-asked",
                            t(
                                    "is not asked: only a granted purpose that the law of the"
                                            + " jurisdiction makes need a separate consent takes one",
                                    "no se pide: solo lo admite un fin aceptado para el que la ley"
                                            + " de la jurisdicción exige un consentimiento por"
                                            + " separado",
                                    "无需填写：只有已同意、且该司法管辖区的法律要求单独同意的用途才接受此项",
                                    "não é pedido: só o aceita uma finalidade concedida para a qual"
                                            + " a lei da jurisdição exige um consentimento separado")),
                    entry(
                            "separate-bool",
                            t(
                                    "must be true (agreed) or false (refused)",
                                    "debe ser true (aceptado) o false (rechazado)",
                                    "必须为 true（同意）或 false（拒绝）",
                                    "deve ser true (aceito) ou false (recusado)")),
                    entry(
                            "separate-required-sensitive",
                            t(
                                    "is required in {jurisdiction}: the person's own, separate"
                                            + " answer (true or false) to the handling of sensitive"
                                            + " data ({grounds})",
                                    "es obligatorio en {jurisdiction}: la respuesta propia y por"
                                            + " separado de la persona (true o false) al tratamiento"
                                            + " de datos sensibles ({grounds})",
                                    "在 {jurisdiction} 为必填项：本人对处理敏感个人信息单独作出的答复（true 或"
                                            + " false）（{grounds}）",
                                    "é obrigatório em {jurisdiction}: a resposta própria e separada"
                                            + " da pessoa (true ou false) ao tratamento de dados"
                                            + " sensíveis ({grounds})")),
                    entry(
                            "separate-required-recipients",
                            t(
                                    "is required in {jurisdiction}: the person's own, separate"
                                            + " answer (true or false) to providing the data to"
                                            + " {recipients} ({grounds})",
                                    "es obligatorio en {jurisdiction}: la respuesta propia y por"
                                            + " separado de la persona (true o false) a la entrega"
                                            + " de los datos a {recipients} ({grounds})",
                                    "在 {jurisdiction} 为必填项：本人对向 {recipients}"
                                            + " 提供个人信息单独作出的答复（true 或 false）（{grounds}）",
                                    "é obrigatório em {jurisdiction}: a resposta própria e separada"
                                            + " da pessoa (true ou false) ao fornecimento dos dados"
                                            + " a {recipients} ({grounds})")),
                    entry(
                            "age-required",
                            t(
                                    "is required in {jurisdiction}: true when the person is {age}"
                                            + " or older, false when younger",
                                    "es obligatorio en {jurisdiction}: true si la persona tiene"
                                            + " {age} años o más, false si es menor",
                                    "在 {jurisdiction} 为必填项：本人年满 {age} 周岁时为 true，未满时为 false",
                                    "é obrigatório em {jurisdiction}: true se a pessoa tem {age}"
                                            + " anos ou mais, false se é mais nova")),
                    entry(
                            "age-not-asked",
                            t(
                                    "is not asked in {jurisdiction}: its law sets no age of digital"
                                            + " consent",
                                    "no se pide en {jurisdiction}: su ley no fija una edad de"
                                            + " consentimiento digital",
                                    "在 {jurisdiction} 无需填写：当地法律未规定数字同意年龄",
                                    "não é pedido em {jurisdiction}: a lei de lá não fixa uma idade"
                                            + " de consentimento digital")),
                    entry(
                            "age-bool",
                            t(
                                    "must be true (the person is {age} or older) or false"
                                            + " (younger)",
                                    "debe ser true (la persona tiene {age} años o más) o false"
                                            + " (es menor)",
                                    "必须为 true（本人年满 {age} 周岁）或 false（未满）",
                                    "deve ser true (a pessoa tem {age} anos ou mais) ou false (é"
                                            + " mais nova)")),
                    entry(
                            "source-object",
                            t(
                                    "is required: an object with \"page\" and optionally"
                                            + " \"campaign\"",
                                    "es obligatorio: un objeto con \"page\" y, si quiere,"
                                            + " \"campaign\"",
                                    "此项为必填项：包含 \"page\"（以及可选的 \"campaign\"）的对象",
                                    "é obrigatório: um objeto com \"page\" e, se quiser,"
                                            + " \"campaign\"")),
                    entry(
                            "token",
                            t(
                                    "must be 1 to 64 letters, digits, dots, dashes or underscores",
                                    "debe tener de 1 a 64 letras, dígitos, puntos, guiones o guiones"
                                            + " bajos",
                                    "必须为 1 到 64 个字母、数字、点、连字符或下划线",
                                    "deve ter de 1 a 64 letras, dígitos, pontos, hífens ou"
                                            + " sublinhados")),
                    entry(
                            "subject-object",
                            t(
                                    "is required: an object with \"email\" and/or \"phone\"",
                                    "es obligatorio: un objeto con \"email\" o \"phone\", o ambos",
                                    "此项为必填项：包含 \"email\" 和/或 \"phone\" 的对象",
                                    "é obrigatório: um objeto com \"email\" e/ou \"phone\"")),
                    entry(
                            "subject-unknown",
                            t(
                                    "is not accepted; only email, phone and name are",
                                    "no se acepta; solo se aceptan email, phone y name",
                                    "不接受该字段；仅接受 email、phone 和 name",
                                    "não é aceito; só são aceitos email, phone e name")),
                    entry(
                            "subject-email",
                            t(
                                    "is not a valid email address",
                                    "no es una dirección de correo electrónico válida",
                                    "不是有效的电子邮箱地址",
                                    "não é um endereço de e-mail válido")),
                    entry(
                            "subject-phone",
                            t(
                                    "must be an international number in E.164 form, such as"
                                            + " +34600000000",
                                    "debe ser un número internacional en formato E.164, como"
                                            + " +34600000000",
                                    "必须为 E.164 格式的国际号码，例如 +34600000000",
                                    "deve ser um número internacional no formato E.164, como"
                                            + " +34600000000")),
                    entry(
                            "subject-name",
                            t(
                                    "must be 1 to 100 characters without control characters",
                                    "debe tener de 1 a 100 caracteres, sin caracteres de control",
                                    "必须为 1 到 100 个字符，且不含控制字符",
                                    "deve ter de 1 a 100 caracteres, sem caracteres de controle")),
                    entry(
                            "subject-needs-contact",
                            t(
                                    "needs an email or a phone number",
                                    "necesita un correo electrónico o un número de teléfono",
                                    "需要填写电子邮箱或手机号码",
                                    "precisa de um e-mail ou um número de telefone")),
                    entry(
                            "purposes-object",
                            t(
                                    "is required: an object of purpose id to true (granted) or"
                                            + " false (refused)",
                                    "es obligatorio: un objeto de identificador de fin a true"
                                            + " (aceptado) o false (rechazado)",
                                    "此项为必填项：键为用途编号、值为 true（同意）或 false（拒绝）的对象",
                                    "é obrigatório: um objeto de identificador de finalidade para"
                                            + " true (concedida) ou false (recusada)")),
                    entry(
                            "purpose-unknown",
                            t(
                                    "is not a purpose in the catalogue (see GET /v1/purposes)",
                                    "no es un fin del catálogo (vea GET /v1/purposes)",
                                    "不是目录中的用途（参见 GET /v1/purposes）",
                                    "não é uma finalidade do catálogo (veja GET /v1/purposes)")),
                    entry(
                            "purpose-bool",
                            t(
                                    "must be true (granted) or false (refused)",
                                    "debe ser true (aceptado) o false (rechazado)",
                                    "必须为 true（同意）或 false（拒绝）",
                                    "deve ser true (concedida) ou false (recusada)")),
                    entry(
                            "field-required-by",
                            t(
                                    "is required by the purpose {purpose}",
                                    "es obligatorio para el fin {purpose}",
                                    "用途 {purpose} 要求填写此项",
                                    "é obrigatório para a finalidade {purpose}")),
                    entry(
                            "field-not-needed",
                            t(
                                    "is not needed by any purpose you granted, so it is not"
                                            + " accepted",
                                    "ningún fin que aceptó lo necesita, por eso no se acepta",
                                    "您同意的用途均不需要此项，因此不予接受",
                                    "nenhuma finalidade que você concedeu precisa dele, por isso"
                                            + " não é aceito")),
                    entry(
                            "privacy-type",
                            t(
                                    "must be \"deletion\" or \"complaint\"",
                                    "debe ser \"deletion\" o \"complaint\"",
                                    "必须为 \"deletion\" 或 \"complaint\"",
                                    "deve ser \"deletion\" ou \"complaint\"")),
                    entry(
                            "message-length",
                            t(
                                    "must be 1 to {max} characters",
                                    "debe tener de 1 a {max} caracteres",
                                    "必须为 1 到 {max} 个字符",
                                    "deve ter de 1 a {max} caracteres")),
                    entry(
                            "contact",
                            t(
                                    "must be an email address or an international phone number",
                                    "debe ser un correo electrónico o un número de teléfono"
                                            + " internacional",
                                    "必须为电子邮箱地址或国际格式的电话号码",
                                    "deve ser um e-mail ou um número de telefone internacional")),
                    entry(
                            "receipt-for-deletion",
                            t(
                                    "is required for a deletion, with the receipt's token as a"
                                            + " Bearer token",
                                    "es obligatorio para una supresión, con el token del recibo"
                                            + " como token Bearer",
                                    "申请删除时为必填项，并须以回执的令牌作为 Bearer 令牌",
                                    "é obrigatório para uma eliminação, com o token do recibo como"
                                            + " token Bearer")),
                    entry(
                            "complaint-message",
                            t(
                                    "is required for a complaint",
                                    "es obligatorio para un reclamo",
                                    "提交投诉时为必填项",
                                    "é obrigatório para uma reclamação")),
                    entry(
                            "complaint-contact",
                            t(
                                    "is required for a complaint without a receipt, so we can"
                                            + " answer you",
                                    "es obligatorio para un reclamo sin recibo, para que podamos"
                                            + " responderle",
                                    "没有回执的投诉须填写此项，以便我们答复您",
                                    "é obrigatório para uma reclamação sem recibo, para podermos"
                                            + " responder a você")),
                    entry(
                            "contact-unless-token",
                            t(
                                    "is required unless you send the receipt's token as a Bearer"
                                            + " token, so we can answer you",
                                    "es obligatorio salvo que envíe el token del recibo como token"
                                            + " Bearer, para que podamos responderle",
                                    "除非您以回执的令牌作为 Bearer 令牌发送，否则须填写此项，以便我们答复您",
                                    "é obrigatório, a menos que você envie o token do recibo como"
                                            + " token Bearer, para podermos responder a você")),
                    entry(
                            "sms-code",
                            t(
                                    "must be the 6 digits of the SMS code",
                                    "debe contener los 6 dígitos del código SMS",
                                    "必须为短信验证码的 6 位数字",
                                    "deve conter os 6 dígitos do código SMS")),
                    entry(
                            "propagation-id",
                            t(
                                    "must be the notice's propagationId",
                                    "debe ser el propagationId del aviso",
                                    "必须为通知中的 propagationId",
                                    "deve ser o propagationId do aviso")),
                    entry(
                            "processor-id",
                            t(
                                    "must be your processor id",
                                    "debe ser su identificador de encargado",
                                    "必须为您的受托处理者编号",
                                    "deve ser o seu identificador de operador")),
                    entry(
                            "idempotency-key",
                            t(
                                    "must be 8 to 255 visible ASCII characters (a UUID works)",
                                    "debe tener de 8 a 255 caracteres ASCII visibles (sirve un"
                                            + " UUID)",
                                    "必须为 8 到 255 个可见 ASCII 字符（可使用 UUID）",
                                    "deve ter de 8 a 255 caracteres ASCII visíveis (um UUID"
                                            + " serve)")));

    /** Every message key. */
    public static Set<String> keys() {
        return TEXTS.keySet();
    }

    /** Whether {@code key} names a message. */
    public static boolean has(String key) {
        return TEXTS.containsKey(key);
    }

    /** The raw text of a key in one locale, placeholders unfilled; null when not written. */
    public static String template(String key, String locale) {
        Map<String, String> texts = TEXTS.get(key);
        return texts == null ? null : texts.get(locale);
    }

    /** The placeholder names a text uses, in order of first use. */
    public static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The message of {@code key} in the supported locale {@code locale} reads in (English when
     * none), its placeholders filled with {@code params} as given.
     *
     * @throws IllegalArgumentException for an unknown key (a programming error)
     */
    public static String text(String key, Map<String, String> params, String locale) {
        Map<String, String> texts = TEXTS.get(key);
        if (texts == null) {
            throw new IllegalArgumentException("no field message " + key);
        }
        String template = texts.get(Locales.of(locale));
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
