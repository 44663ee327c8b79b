package dev.consentvault.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

/** openapi.yaml documents exactly the routes template.yaml deploys. */
class ApiContractTest {

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
}
