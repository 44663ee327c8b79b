package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.local.gateway.LocalGateway;
import dev.consentvault.local.gateway.StaticFiles;
import dev.consentvault.local.template.SamTemplate;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every route of template.yaml, through the local gateway, with made-up input: path parameters of
 * every shape, bodies that are not JSON, JSON of the wrong shape, unknown fields, wrong content
 * types, wrong or no bearer tokens. Each answer must be one openapi.yaml documents for that route,
 * never a 5xx, errors as problem+json, and no answer may repeat the marker the request carried (no
 * echo of what was sent). Seeded, so a failure repeats.
 */
class ApiFuzzIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MARKER = "fuzzmarker";
    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)\\}");
    private static LocalCloudFixture cloud;
    private static LocalGateway gateway;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloudFixture.get();
        gateway =
                LocalGateway.start(
                        cloud.stack,
                        cloud.cloud.clientEnvironment(),
                        new InetSocketAddress("127.0.0.1", 0),
                        StaticFiles.none());
        base = URI.create("http://127.0.0.1:" + gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String pathValue(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 -> UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
            case 2 -> "A".repeat(43);
            case 3 -> MARKER + random.nextInt(1000);
            case 4 -> URLEncoder.encode("../" + MARKER + "<script>", StandardCharsets.UTF_8);
            case 5 -> "x".repeat(1 + random.nextInt(300));
            default -> URLEncoder.encode("' OR 1=1 -- ü 😀 " + MARKER, StandardCharsets.UTF_8);
        };
    }

    private static String body(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> "not json " + MARKER;
            case 2 -> "{\"unknownField\": \"" + MARKER + "\"}";
            case 3 -> "{\"code\": \"" + MARKER + "\"}";
            case 4 -> "{\"code\": 123456}";
            case 5 -> "[\"" + MARKER + "\"]";
            case 6 -> "{\"purposes\": [\"" + MARKER + "\"], \"type\": \"deletion\"}";
            case 7 -> "{\"code\": \"000000\", \"code\": \"111111\"}";
            case 8 -> "{\"subject\": {\"email\": \"" + MARKER + "@example.com\"}} trailing";
            default -> "{\"x\": \"" + "y".repeat(17_000) + "\"}";
        };
    }

    @Test
    void everyRouteAnswersMadeUpInputAsDocumentedWithoutA5xxOrAnEcho() throws Exception {
        Map<?, ?> openapi;
        try (Reader reader = Files.newBufferedReader(cloud.root.resolve("openapi.yaml"))) {
            openapi = new Yaml().load(reader);
        }
        Map<?, ?> paths = (Map<?, ?>) openapi.get("paths");
        SamTemplate template = SamTemplate.load(cloud.root.resolve("template.yaml"));
        Random random = new Random(20261206L);
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (SamTemplate.FunctionEvent event : template.functionEvents("HttpApi")) {
            String method =
                    String.valueOf(event.properties().get("Method")).toUpperCase(Locale.ROOT);
            String path = String.valueOf(event.properties().get("Path"));
            Map<?, ?> responses =
                    (Map<?, ?>)
                            ((Map<?, ?>)
                                            ((Map<?, ?>) paths.get(path))
                                                    .get(method.toLowerCase(Locale.ROOT)))
                                    .get("responses");
            for (int i = 0; i < 40; i++) {
                Matcher m = PARAM.matcher(path);
                StringBuilder concrete = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(concrete, Matcher.quoteReplacement(pathValue(random)));
                }
                m.appendTail(concrete);
                HttpRequest.Builder request =
                        HttpRequest.newBuilder(URI.create(base + concrete.toString()));
                String contentType =
                        List.of(
                                        "application/json",
                                        "application/json; charset=utf-8",
                                        "text/plain",
                                        "application/x-www-form-urlencoded")
                                .get(random.nextInt(4));
                if (random.nextBoolean()) {
                    request.header(
                            "authorization",
                            "Bearer " + (random.nextBoolean() ? "A".repeat(43) : MARKER));
                }
                if (method.equals("GET")) {
                    request.GET();
                } else {
                    request.header("content-type", contentType)
                            .POST(HttpRequest.BodyPublishers.ofString(body(random)));
                }
                HttpResponse<String> response =
                        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                sent++;
                String route = method + " " + path + " (" + concrete + ")";
                int status = response.statusCode();
                if (status >= 500) {
                    problems.add(route + " answered " + status + ": " + response.body());
                }
                if (!responses.containsKey(Integer.toString(status))) {
                    problems.add(route + " answered undocumented " + status);
                }
                String type = response.headers().firstValue("content-type").orElse("");
                if (status >= 400 && !type.equals("application/problem+json")) {
                    problems.add(route + " error " + status + " as " + type);
                }
                if (response.body().contains(MARKER)) {
                    problems.add(route + " echoed what it was sent: " + response.body());
                }
            }
        }
        assertTrue(sent >= 300, "requests sent: " + sent);
        assertFalse(!problems.isEmpty(), String.join("\n", problems));
    }
}
