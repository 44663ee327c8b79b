package dev.consentvault.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.TimeBudget;
import dev.consentvault.core.consent.IdempotencyConflictException;
import dev.consentvault.core.consent.InvalidRequestException;
import dev.consentvault.core.i18n.Locales;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.functions.InvocationBudget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The part every API handler shares: request id in the logs, the invocation's time budget (a call
 * that would overrun the function's timeout fails instead, and the answer is a 503 in time),
 * exceptions to problem+json, one access log line. Logs carry the route, status, duration and error
 * class: never bodies or messages from outside this code base.
 */
public final class HttpApi {

    private HttpApi() {}

    public static APIGatewayV2HTTPResponse handle(
            APIGatewayV2HTTPEvent event,
            Context context,
            JsonLog log,
            Function<ApiRequest, ApiResponse> handler) {
        long started = System.nanoTime();
        TimeBudget budget = InvocationBudget.of(context);
        ApiRequest request = new ApiRequest(event);
        String requestId =
                request.requestId() != null
                        ? request.requestId()
                        : context != null ? context.getAwsRequestId() : null;
        JsonLog.setRequestId(requestId);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("route", request.routeKey());
        ApiResponse response;
        try {
            response = TimeBudget.within(budget, () -> handler.apply(request));
        } catch (Problem problem) {
            response = problem(request, problem);
            if (problem.retryAfter() > 0) {
                response = response.withHeader("retry-after", Long.toString(problem.retryAfter()));
            }
        } catch (InvalidRequestException invalid) {
            response =
                    problem(
                            request,
                            new Problem(
                                    400,
                                    "invalid-request",
                                    "Bad Request",
                                    invalid.getMessage(),
                                    invalid.errors()));
        } catch (IdempotencyConflictException conflict) {
            response =
                    problem(
                            request,
                            new Problem(
                                    409,
                                    "idempotency-key-reused",
                                    "Conflict",
                                    conflict.getMessage()));
        } catch (DependencyUnavailableException unavailable) {
            fields.put("error", unavailable.getClass().getSimpleName());
            fields.put(
                    "cause",
                    unavailable.getCause() == null
                            ? null
                            : unavailable.getCause().getClass().getSimpleName());
            response =
                    problem(
                                    request,
                                    new Problem(
                                            503,
                                            "service-unavailable",
                                            "Service Unavailable",
                                            "A service this request depends on is unavailable. Nothing was recorded; please retry."))
                            .withHeader("retry-after", "2");
        } catch (RuntimeException unexpected) {
            fields.put("error", unexpected.getClass().getName());
            response =
                    problem(
                            request,
                            new Problem(
                                    500,
                                    "internal-error",
                                    "Internal Server Error",
                                    "Something went wrong on our side. Nothing was recorded."));
        }
        fields.put("status", response.status());
        fields.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        if (response.status() >= 500) {
            log.error("request", fields);
        } else {
            log.info("request", fields);
        }
        JsonLog.setRequestId(null);
        return response.toEvent();
    }

    /** A problem answered in the language the request asks for (Accept-Language). */
    private static ApiResponse problem(ApiRequest request, Problem problem) {
        String locale = Locales.negotiate(request.header("accept-language"));
        return new ApiResponse(
                problem.status(),
                Map.of(
                        "content-type", "application/problem+json",
                        "content-language", locale,
                        "vary", "Accept-Language"),
                Json.bytes(problem.toJson(locale)));
    }
}
