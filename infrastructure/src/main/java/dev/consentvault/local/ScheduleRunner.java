package dev.consentvault.local;

import dev.consentvault.core.log.JsonLog;
import dev.consentvault.local.template.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's schedules (ScheduleV2 and Schedule events) for the local run: each function is
 * invoked at its {@code rate(...)}, or fired on demand. A cron expression runs on demand only.
 */
public final class ScheduleRunner implements AutoCloseable {

    private static final JsonLog LOG = new JsonLog("schedule-runner");
    private static final Pattern RATE =
            Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    /** One scheduled invocation: the function and how often (null: on demand only). */
    public record Schedule(LocalFunction function, String expression, Duration every) {}

    private final List<Schedule> schedules;
    private ScheduledExecutorService executor;

    private ScheduleRunner(List<Schedule> schedules) {
        this.schedules = schedules;
    }

    /** The functions the template schedules, each built once for hosting. */
    public static Map<String, LocalFunction> scheduledFunctions(
            LocalStack stack, Map<String, String> cloudEnvironment) {
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        for (SamTemplate.FunctionEvent event : events(stack)) {
            functions.computeIfAbsent(
                    event.functionId(), id -> LocalFunction.create(stack, id, cloudEnvironment));
        }
        return functions;
    }

    public static ScheduleRunner forTemplate(
            LocalStack stack, Map<String, LocalFunction> functions) {
        List<Schedule> schedules = new ArrayList<>();
        for (SamTemplate.FunctionEvent event : events(stack)) {
            LocalFunction function = functions.get(event.functionId());
            if (function != null) {
                String expression = String.valueOf(event.properties().get("Schedule"));
                if (event.properties().containsKey("ScheduleExpression")) {
                    expression = String.valueOf(event.properties().get("ScheduleExpression"));
                }
                schedules.add(new Schedule(function, expression, rate(expression)));
            }
        }
        return new ScheduleRunner(schedules);
    }

    public List<Schedule> schedules() {
        return schedules;
    }

    /** Invokes every scheduled function once, now, as its schedule would. */
    public void fireAll() {
        schedules.forEach(ScheduleRunner::fire);
    }

    /** Runs each schedule at its rate, the first time one period from now. */
    public void start() {
        executor =
                Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "schedule-runner"));
        for (Schedule schedule : schedules) {
            if (schedule.every() != null) {
                long seconds = schedule.every().toSeconds();
                executor.scheduleWithFixedDelay(
                        () -> fire(schedule), seconds, seconds, TimeUnit.SECONDS);
            }
        }
    }

    private static void fire(Schedule schedule) {
        try {
            // EventBridge Scheduler invokes asynchronously with the target's input (none here)
            schedule.function().invoke(Map.of(), UUID.randomUUID().toString());
        } catch (RuntimeException e) {
            LOG.warn(
                    "scheduled-invocation-failed",
                    Map.of(
                            "function",
                            schedule.function().logicalId(),
                            "error",
                            e.getClass().getSimpleName()));
        }
    }

    private static List<SamTemplate.FunctionEvent> events(LocalStack stack) {
        List<SamTemplate.FunctionEvent> events =
                new ArrayList<>(stack.template().functionEvents("ScheduleV2"));
        events.addAll(stack.template().functionEvents("Schedule"));
        return events;
    }

    private static Duration rate(String expression) {
        Matcher rate = RATE.matcher(expression);
        if (!rate.matches()) {
            return null;
        }
        long n = Long.parseLong(rate.group(1));
        return switch (rate.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
