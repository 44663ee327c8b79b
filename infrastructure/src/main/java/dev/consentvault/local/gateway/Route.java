package dev.consentvault.local.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HttpApi event of a function: method and path template ({@code /v1/receipts/{receiptId}}). */
public record Route(String method, String path, String functionLogicalId) {

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)\\+?}");

    public String routeKey() {
        return method + " " + path;
    }

    /** The path parameters when this route matches, else empty. */
    public Optional<Map<String, String>> match(String method, String rawPath) {
        if (!this.method.equalsIgnoreCase(method) && !this.method.equalsIgnoreCase("ANY")) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(path);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start())));
            regex.append(m.group().endsWith("+}") ? "(.+)" : "([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        Matcher matcher = Pattern.compile(regex.toString()).matcher(rawPath);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parameters.put(names.get(i), matcher.group(i + 1));
        }
        return Optional.of(parameters);
    }
}
