package dev.consentvault.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the intrinsic functions the template uses, against the local stack: parameters take
 * their defaults (or overrides), pseudo parameters the local values, and resources their local
 * physical ids.
 */
public final class Intrinsics {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, Object> parameters;
    private final Map<String, String> pseudo;
    private final Function<String, String> ref;
    private final BiFunction<String, String, String> getAtt;

    /**
     * @param ref logical id → physical id (null when unknown)
     * @param getAtt (logical id, attribute) → value
     */
    public Intrinsics(
            SamTemplate template,
            Map<String, Object> parameterOverrides,
            String stackName,
            String region,
            String accountId,
            Function<String, String> ref,
            BiFunction<String, String, String> getAtt) {
        this.parameters = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        template.parameters()
                .forEach(
                        (name, definition) -> {
                            Map<String, Object> def = SamTemplate.cast((Map<?, ?>) definition);
                            Object value =
                                    parameterOverrides.getOrDefault(name, def.get("Default"));
                            if (!acceptable(def, value)) {
                                refused.add(name);
                            }
                            if ("CommaDelimitedList".equals(def.get("Type"))
                                    && value instanceof String s) {
                                value = List.of(s.split("\\s*,\\s*"));
                            }
                            parameters.put(name, value);
                        });
        // refused before anything is created, as CloudFormation refuses a stack
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException(
                    "template parameters without an acceptable value (no default, or not matching"
                            + " AllowedPattern/MinLength): "
                            + refused);
        }
        this.pseudo =
                Map.of(
                        "AWS::StackName",
                        stackName,
                        "AWS::Region",
                        region,
                        "AWS::AccountId",
                        accountId,
                        "AWS::Partition",
                        "aws",
                        "AWS::URLSuffix",
                        "amazonaws.com",
                        "AWS::NoValue",
                        "");
        this.ref = ref;
        this.getAtt = getAtt;
    }

    /** What CloudFormation checks of a value: present, MinLength and AllowedPattern. */
    private static boolean acceptable(Map<String, Object> definition, Object value) {
        if (value == null) {
            return false;
        }
        String text =
                value instanceof List<?> list
                        ? String.join(",", list.stream().map(String::valueOf).toList())
                        : String.valueOf(value);
        Object minLength = definition.get("MinLength");
        if (minLength != null && text.length() < Integer.parseInt(String.valueOf(minLength))) {
            return false;
        }
        Object pattern = definition.get("AllowedPattern");
        return pattern == null || Pattern.compile(String.valueOf(pattern)).matcher(text).matches();
    }

    /** The value with every intrinsic function evaluated. */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = (String) only.getKey();
                Object arg = only.getValue();
                switch (key) {
                    case "Ref":
                        return ref((String) arg);
                    case "Fn::GetAtt":
                        List<?> parts =
                                arg instanceof String s
                                        ? List.of(s.split("\\.", 2))
                                        : (List<?>) arg;
                        return attribute((String) parts.get(0), (String) parts.get(1));
                    case "Fn::Sub":
                        return sub(arg);
                    case "Fn::Join":
                        {
                            List<?> join = (List<?>) arg;
                            List<String> items = new ArrayList<>();
                            for (Object item : (List<?>) resolve(join.get(1))) {
                                items.add(String.valueOf(resolve(item)));
                            }
                            return String.join((String) join.get(0), items);
                        }
                    case "Fn::Select":
                        {
                            List<?> select = (List<?>) arg;
                            int index = Integer.parseInt(String.valueOf(resolve(select.get(0))));
                            return ((List<?>) resolve(select.get(1))).get(index);
                        }
                    case "Fn::Split":
                        {
                            List<?> split = (List<?>) arg;
                            return List.of(
                                    ((String) resolve(split.get(1)))
                                            .split(Pattern.quote((String) split.get(0)), -1));
                        }
                    default:
                        if (key.startsWith("Fn::")) {
                            throw new IllegalArgumentException(
                                    "the local run does not evaluate " + key);
                        }
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> resolved.put((String) k, resolve(v)));
            return resolved;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::resolve).toList();
        }
        return value;
    }

    public String resolveString(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : String.valueOf(resolved);
    }

    private Object ref(String name) {
        if (pseudo.containsKey(name)) {
            return pseudo.get(name);
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        String physical = ref.apply(name);
        if (physical == null) {
            throw new IllegalStateException("!Ref " + name + ": not provisioned locally");
        }
        return physical;
    }

    private String attribute(String logicalId, String attribute) {
        String value = getAtt.apply(logicalId, attribute);
        if (value == null) {
            throw new IllegalStateException(
                    "!GetAtt " + logicalId + "." + attribute + ": not known locally");
        }
        return value;
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> list) {
            text = (String) list.get(0);
            variables = SamTemplate.cast((Map<?, ?>) list.get(1));
        } else {
            text = (String) arg;
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value;
            if (variables.containsKey(name)) {
                value = String.valueOf(resolve(variables.get(name)));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                value = attribute(parts[0], parts[1]);
            } else {
                value = String.valueOf(ref(name));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
