package dev.consentvault.local.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local run's static pages (the demo landing page and consent.js), served for GET requests no
 * API route matches. Paths are resolved inside the given roots only.
 */
public record StaticFiles(List<Path> roots) {

    private static final Map<String, String> TYPES =
            Map.of(
                    "html", "text/html; charset=utf-8",
                    "js", "text/javascript; charset=utf-8",
                    "css", "text/css; charset=utf-8",
                    "png", "image/png",
                    "svg", "image/svg+xml",
                    "ico", "image/x-icon");

    public static StaticFiles none() {
        return new StaticFiles(List.of());
    }

    /** The file for a request path, with its content type, or empty. */
    public Optional<Map.Entry<String, byte[]>> find(String rawPath) throws IOException {
        String relative = rawPath.equals("/") ? "index.html" : rawPath.substring(1);
        for (Path root : roots) {
            Path file = root.resolve(relative).normalize();
            if (file.startsWith(root) && Files.isRegularFile(file)) {
                String name = file.getFileName().toString();
                String type =
                        TYPES.getOrDefault(
                                name.substring(name.lastIndexOf('.') + 1),
                                "application/octet-stream");
                return Optional.of(Map.entry(type, Files.readAllBytes(file)));
            }
        }
        return Optional.empty();
    }
}
