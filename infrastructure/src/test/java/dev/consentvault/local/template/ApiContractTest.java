package dev.consentvault.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.local.LocalRun;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** openapi.yaml documents exactly the routes template.yaml deploys, and what they can answer. */
class ApiContractTest {

    private static final String UNAVAILABLE = "#/components/responses/Unavailable";

    @Test
    void openApiAndTemplateDeclareTheSameRoutes() throws IOException {
        Path root = LocalRun.projectRoot();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        Set<String> deployed = new TreeSet<>();
        for (SamTemplate.FunctionEvent event : template.functionEvents("HttpApi")) {
            Map<String, Object> p = event.properties();
            deployed.add(
                    String.valueOf(p.get("Method")).toUpperCase(Locale.ROOT) + " " + p.get("Path"));
        }
        Set<String> documented = new TreeSet<>();
        try (Reader reader = Files.newBufferedReader(root.resolve("openapi.yaml"))) {
            Map<?, ?> openapi = new Yaml().load(reader);
            ((Map<?, ?>) openapi.get("paths"))
                    .forEach(
                            (path, operations) ->
                                    ((Map<?, ?>) operations)
                                            .keySet()
                                            .forEach(
                                                    method ->
                                                            documented.add(
                                                                    String.valueOf(method)
                                                                                    .toUpperCase(
                                                                                            Locale
                                                                                                    .ROOT)
                                                                            + " "
                                                                            + path)));
        }
        assertFalse(deployed.isEmpty());
        assertEquals(deployed, documented);
    }

    /**
     * A route whose function reads or writes data (it has a policy) can answer 503 with
     * Retry-After; a route taking a body can answer 413 and 415.
     */
    @Test
    void everyRouteDocumentsTheFailuresItCanAnswer() throws IOException {
        Path root = LocalRun.projectRoot();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        Map<?, ?> openapi;
        try (Reader reader = Files.newBufferedReader(root.resolve("openapi.yaml"))) {
            openapi = new Yaml().load(reader);
        }
        Map<?, ?> unavailable =
                (Map<?, ?>)
                        ((Map<?, ?>) ((Map<?, ?>) openapi.get("components")).get("responses"))
                                .get("Unavailable");
        assertTrue(((Map<?, ?>) unavailable.get("headers")).containsKey("Retry-After"));
        for (SamTemplate.FunctionEvent event : template.functionEvents("HttpApi")) {
            Map<String, Object> p = event.properties();
            String method = String.valueOf(p.get("Method")).toLowerCase(Locale.ROOT);
            String route = method + " " + p.get("Path");
            Map<?, ?> operation =
                    (Map<?, ?>)
                            ((Map<?, ?>) ((Map<?, ?>) openapi.get("paths")).get(p.get("Path")))
                                    .get(method);
            Map<?, ?> responses = (Map<?, ?>) operation.get("responses");
            boolean touchesData =
                    template.functionProperties(event.functionId()).containsKey("Policies");
            if (touchesData) {
                assertEquals(
                        Map.of("$ref", UNAVAILABLE),
                        responses.get("503"),
                        route + " documents 503");
            }
            if (operation.containsKey("requestBody")) {
                assertTrue(responses.containsKey("413"), route + " documents 413");
                assertTrue(responses.containsKey("415"), route + " documents 415");
            }
            assertTrue(responses.containsKey("500"), route + " documents 500");
        }
    }
}
