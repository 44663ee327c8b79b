package dev.consentvault.local.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * API Gateway's route throttling, as the template sets it (DefaultRouteSettings, RouteSettings per
 * route key): a token bucket per route holding up to the burst limit, refilled at the rate limit; a
 * request that finds it empty is answered 429 without reaching the function.
 */
final class RouteThrottle {

    private record Limits(double rate, double burst) {}

    private final Limits defaults;
    private final Map<String, Limits> perRoute;
    private final Map<String, double[]> buckets = new HashMap<>();

    private RouteThrottle(Limits defaults, Map<String, Limits> perRoute) {
        this.defaults = defaults;
        this.perRoute = perRoute;
    }

    static RouteThrottle none() {
        return new RouteThrottle(null, Map.of());
    }

    /** From an HttpApi's resolved properties. */
    static RouteThrottle from(Map<?, ?> api) {
        Map<String, Limits> perRoute = new HashMap<>();
        if (api.get("RouteSettings") instanceof Map<?, ?> routes) {
            routes.forEach(
                    (key, settings) -> {
                        Limits limits = limits(settings);
                        if (limits != null) {
                            perRoute.put(String.valueOf(key), limits);
                        }
                    });
        }
        return new RouteThrottle(limits(api.get("DefaultRouteSettings")), perRoute);
    }

    private static Limits limits(Object settings) {
        if (!(settings instanceof Map<?, ?> s)
                || s.get("ThrottlingRateLimit") == null
                || s.get("ThrottlingBurstLimit") == null) {
            return null;
        }
        return new Limits(
                Double.parseDouble(String.valueOf(s.get("ThrottlingRateLimit"))),
                Double.parseDouble(String.valueOf(s.get("ThrottlingBurstLimit"))));
    }

    /** Takes a token for this route; false: answer 429. */
    synchronized boolean admit(String routeKey, long nowNanos) {
        Limits limits = perRoute.getOrDefault(routeKey, defaults);
        if (limits == null) {
            return true;
        }
        double[] bucket =
                buckets.computeIfAbsent(routeKey, k -> new double[] {limits.burst(), nowNanos});
        double tokens =
                Math.min(limits.burst(), bucket[0] + (nowNanos - bucket[1]) / 1e9 * limits.rate());
        bucket[1] = nowNanos;
        if (tokens < 1) {
            bucket[0] = tokens;
            return false;
        }
        bucket[0] = tokens - 1;
        return true;
    }
}
