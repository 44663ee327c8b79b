package dev.consentvault.local.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The local run's static pages, served for GET requests no API route matches: exactly the files
 * listed (request path to file), nothing else under their directories, so the kit's tests, package
 * files and node_modules stay private.
 */
public record StaticFiles(Map<String, Path> files) {

    private static final Map<String, String> TYPES =
            Map.of(
                    "html", "text/html; charset=utf-8",
                    "css", "text/css; charset=utf-8",
                    "js", "text/javascript; charset=utf-8");

    public StaticFiles {
        files = Map.copyOf(files);
    }

    public static StaticFiles none() {
        return new StaticFiles(Map.of());
    }

    /**
     * The demo landing page at {@code /} (English), the same campaign in Chilean Spanish at {@code
     * /es-CL} and in Chinese at {@code /zh-CN} (three thin entry pages laid out by the demo's one
     * script and style sheet), the "Find my data" page emailed links open, and the kit's scripts
     * they load, from the checkout.
     */
    public static StaticFiles demo(Path projectRoot) {
        return new StaticFiles(
                Map.of(
                        "/", projectRoot.resolve("landing-kit/demo/index.html"),
                        "/es-CL", projectRoot.resolve("landing-kit/demo/es-CL.html"),
                        "/zh-CN", projectRoot.resolve("landing-kit/demo/zh-CN.html"),
                        "/demo.js", projectRoot.resolve("landing-kit/demo/demo.js"),
                        "/demo.css", projectRoot.resolve("landing-kit/demo/demo.css"),
                        "/consent.js", projectRoot.resolve("landing-kit/consent.js"),
                        "/find-my-data.html",
                                projectRoot.resolve("landing-kit/demo/find-my-data.html"),
                        "/find-my-data.js", projectRoot.resolve("landing-kit/find-my-data.js")));
    }

    /** The file for a request path, with its content type, or empty. */
    public Optional<Map.Entry<String, byte[]>> find(String rawPath) throws IOException {
        Path file = files.get(rawPath);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        String type =
                TYPES.getOrDefault(
                        name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        return Optional.of(Map.entry(type, Files.readAllBytes(file)));
    }
}
