package dev.consentvault.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml read as data: the single source of truth for what the local run provisions and
 * routes. Short-form intrinsics ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) become their
 * long forms ({@code {"Ref": ...}}) so {@link Intrinsics} can evaluate them.
 */
public final class SamTemplate {

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static SamTemplate load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object parsed = new Yaml(new IntrinsicConstructor()).load(reader);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + " is not a CloudFormation template");
            }
            return new SamTemplate(cast(map));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Logical id → resource (Type, Properties, ...), in template order. */
    public Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        section("Resources").forEach((id, body) -> resources.put(id, cast((Map<?, ?>) body)));
        return resources;
    }

    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> matching = new LinkedHashMap<>();
        resources()
                .forEach(
                        (id, body) -> {
                            if (type.equals(body.get("Type"))) {
                                matching.put(id, body);
                            }
                        });
        return matching;
    }

    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    /** A function's properties with the template's Globals.Function merged under them. */
    public Map<String, Object> functionProperties(String logicalId) {
        Map<String, Object> globals =
                cast((Map<?, ?>) section("Globals").getOrDefault("Function", Map.of()));
        Map<String, Object> own = properties(resources().get(logicalId));
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        own.forEach(
                (key, value) -> {
                    if (key.equals("Environment")
                            && merged.get(key) instanceof Map<?, ?> g
                            && value instanceof Map<?, ?> o) {
                        Map<String, Object> vars = new LinkedHashMap<>(variables(g));
                        vars.putAll(variables(o));
                        merged.put(key, Map.of("Variables", vars));
                    } else {
                        merged.put(key, value);
                    }
                });
        return merged;
    }

    /** One event source of a function: the function's logical id and the event's Properties. */
    public record FunctionEvent(String functionId, Map<String, Object> properties) {}

    /**
     * Every event of one Type ("HttpApi", "SQS", "DynamoDB") across the functions, in template
     * order.
     */
    public List<FunctionEvent> functionEvents(String type) {
        List<FunctionEvent> found = new ArrayList<>();
        for (String functionId : resourcesOfType("AWS::Serverless::Function").keySet()) {
            if (functionProperties(functionId).get("Events") instanceof Map<?, ?> events) {
                for (Object event : events.values()) {
                    Map<?, ?> e = (Map<?, ?>) event;
                    if (type.equals(e.get("Type"))
                            && e.get("Properties") instanceof Map<?, ?> properties) {
                        found.add(new FunctionEvent(functionId, cast(properties)));
                    }
                }
            }
        }
        return found;
    }

    public static Map<String, Object> properties(Map<String, Object> resource) {
        Object properties = resource.get("Properties");
        return properties == null ? Map.of() : cast((Map<?, ?>) properties);
    }

    private static Map<String, Object> variables(Map<?, ?> environment) {
        Object vars = environment.get("Variables");
        return vars == null ? Map.of() : cast((Map<?, ?>) vars);
    }

    private Map<String, Object> section(String name) {
        Object section = root.get(name);
        return section == null ? Map.of() : cast((Map<?, ?>) section);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /**
     * Turns {@code !Name value} into {@code {"Fn::Name": value}} ({@code !Ref} into {@code {"Ref":
     * value}}).
     */
    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String name :
                    List.of(
                            "Ref",
                            "GetAtt",
                            "Sub",
                            "Join",
                            "Select",
                            "Split",
                            "If",
                            "Equals",
                            "Not",
                            "And",
                            "Or",
                            "FindInMap",
                            "GetAZs",
                            "ImportValue",
                            "Base64",
                            "Cidr",
                            "Condition",
                            "Transform")) {
                String longName =
                        name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                this.yamlConstructors.put(
                        new Tag("!" + name),
                        new AbstractConstruct() {
                            @Override
                            public Object construct(Node node) {
                                Object value;
                                if (node instanceof ScalarNode scalar) {
                                    String text = scalar.getValue();
                                    // !GetAtt Resource.Attribute is shorthand for [Resource,
                                    // Attribute]
                                    value =
                                            name.equals("GetAtt")
                                                    ? List.of(text.split("\\.", 2))
                                                    : text;
                                } else if (node instanceof SequenceNode sequence) {
                                    value = new ArrayList<>(constructSequence(sequence));
                                } else {
                                    value = constructMapping((MappingNode) node);
                                }
                                return Map.of(longName, value);
                            }
                        });
            }
        }
    }
}
