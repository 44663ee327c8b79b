package dev.consentvault.functions.http;

import java.util.Map;

/**
 * The title and explanation of each problem type in the supported languages other than English (the
 * English ones are where each problem is made, and say more). The field messages of a 400 are in
 * {@link dev.consentvault.core.i18n.FieldTexts}.
 */
final class ProblemTexts {

    private ProblemTexts() {}

    record Text(String title, String detail) {}

    private static final Map<String, Map<String, Text>> TEXTS =
            Map.of(
                    "invalid-request",
                    Map.of(
                            "es",
                            new Text(
                                    "Solicitud no válida",
                                    "La solicitud tiene errores; cada uno figura en «errors»,"
                                            + " junto al campo que lo causa. No se registró nada."),
                            "zh-CN",
                            new Text("请求无效", "请求有误；每个错误都按字段列在 errors 中。未记录任何内容。"),
                            "pt-BR",
                            new Text(
                                    "Requisição inválida",
                                    "A requisição tem erros; cada um aparece em errors, junto do"
                                            + " campo que o causa. Nada foi registrado.")),
                    "receipt-not-found",
                    Map.of(
                            "es",
                            new Text(
                                    "No encontrado",
                                    "Ningún recibo coincide con este identificador y este token."
                                            + " Use el receiptToken que recibió con el recibo."),
                            "zh-CN",
                            new Text("未找到", "没有与此编号和令牌相符的回执。请使用随回执一起提供给您的 receiptToken。"),
                            "pt-BR",
                            new Text(
                                    "Não encontrado",
                                    "Nenhum recibo corresponde a este identificador e token. Use o"
                                            + " receiptToken que você recebeu com o recibo.")),
                    "unsupported-media-type",
                    Map.of(
                            "es",
                            new Text(
                                    "Tipo de contenido no admitido",
                                    "Envíe el cuerpo de la solicitud como JSON, con Content-Type:"
                                            + " application/json."),
                            "zh-CN",
                            new Text(
                                    "不支持的媒体类型",
                                    "请以 JSON 格式发送请求正文，并设置 Content-Type: application/json。"),
                            "pt-BR",
                            new Text(
                                    "Tipo de mídia não suportado",
                                    "Envie o corpo da requisição em JSON, com Content-Type:"
                                            + " application/json.")),
                    "payload-too-large",
                    Map.of(
                            "es",
                            new Text(
                                    "Contenido demasiado grande",
                                    "El cuerpo de la solicitud supera los "
                                            + ApiRequest.MAX_BODY_BYTES
                                            + " bytes."),
                            "zh-CN",
                            new Text("请求内容过大", "请求正文超过 " + ApiRequest.MAX_BODY_BYTES + " 字节。"),
                            "pt-BR",
                            new Text(
                                    "Conteúdo grande demais",
                                    "O corpo da requisição tem mais de "
                                            + ApiRequest.MAX_BODY_BYTES
                                            + " bytes.")),
                    "idempotency-key-reused",
                    Map.of(
                            "es",
                            new Text(
                                    "Conflicto",
                                    "Esta Idempotency-Key ya se usó para otra solicitud, o su"
                                            + " respuesta ya no puede repetirse. Use una clave"
                                            + " nueva para una solicitud nueva."),
                            "zh-CN",
                            new Text("冲突", "此 Idempotency-Key 已用于另一个请求，或其响应已无法再次提供。新的请求请使用新的密钥。"),
                            "pt-BR",
                            new Text(
                                    "Conflito",
                                    "Esta Idempotency-Key já foi usada em outra requisição, ou a"
                                            + " resposta dela não pode mais ser repetida. Use uma"
                                            + " chave nova para uma nova requisição.")),
                    "service-unavailable",
                    Map.of(
                            "es",
                            new Text(
                                    "Servicio no disponible",
                                    "Un servicio del que depende esta solicitud no está"
                                            + " disponible. No se registró nada; inténtelo de"
                                            + " nuevo."),
                            "zh-CN",
                            new Text("服务不可用", "此请求所依赖的服务暂时不可用。未记录任何内容，请重试。"),
                            "pt-BR",
                            new Text(
                                    "Serviço indisponível",
                                    "Um serviço do qual esta requisição depende está"
                                            + " indisponível. Nada foi registrado; tente"
                                            + " novamente.")),
                    "internal-error",
                    Map.of(
                            "es",
                            new Text(
                                    "Error interno del servidor",
                                    "Algo falló de nuestro lado. No se registró nada."),
                            "zh-CN",
                            new Text("服务器内部错误", "我们这边出了问题。未记录任何内容。"),
                            "pt-BR",
                            new Text(
                                    "Erro interno do servidor",
                                    "Algo deu errado do nosso lado. Nada foi registrado.")));

    /** The problem's title and detail in a locale, or null to keep the English ones. */
    static Text in(String problemType, String locale) {
        Map<String, Text> texts = TEXTS.get(problemType);
        return texts == null ? null : texts.get(locale);
    }
}
