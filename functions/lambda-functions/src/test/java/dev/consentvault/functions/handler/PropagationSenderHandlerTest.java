package dev.consentvault.functions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class PropagationSenderHandlerTest {

    @Test
    void eachFailedAttemptWaitsTwiceAsLongUpToAnHour() {
        assertEquals(Duration.ofSeconds(30), PropagationSenderHandler.backoff(1));
        assertEquals(Duration.ofMinutes(1), PropagationSenderHandler.backoff(2));
        assertEquals(Duration.ofMinutes(2), PropagationSenderHandler.backoff(3));
        assertEquals(Duration.ofMinutes(32), PropagationSenderHandler.backoff(7));
        assertEquals(Duration.ofHours(1), PropagationSenderHandler.backoff(8));
        assertEquals(Duration.ofHours(1), PropagationSenderHandler.backoff(40));
        assertEquals(Duration.ofSeconds(30), PropagationSenderHandler.backoff(0));
    }

    /**
     * The sample event's notice fails: it is reported, and made visible again after its backoff.
     */
    @ParameterizedTest
    @Event(value = "events/processor-propagations.json", type = SQSEvent.class)
    void aFailedNoticeIsReportedAndBackedOff(SQSEvent event) {
        List<String> delayed = new ArrayList<>();
        PropagationSenderHandler handler =
                new PropagationSenderHandler(
                        body -> {
                            throw new IllegalStateException("the processor answered 503");
                        },
                        (handle, delay) -> delayed.add(handle + " " + delay));
        SQSBatchResponse response = handler.handleRequest(event, null);
        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals(List.of("AQEB-example PT30S"), delayed);
    }
}
