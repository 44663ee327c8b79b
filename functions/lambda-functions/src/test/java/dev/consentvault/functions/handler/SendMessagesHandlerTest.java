package dev.consentvault.functions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.notify.MessageTemplates;
import dev.consentvault.core.notify.Messenger;
import dev.consentvault.core.notify.OutboxSender;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.StoredItem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender from its sample stream event, on in-memory fakes and a recording messenger. */
class SendMessagesHandlerTest {

    private final InMemoryServices services = new InMemoryServices();
    private final List<String> sent = new ArrayList<>();
    private int failuresLeft;
    private final Messenger messenger =
            new Messenger() {
                @Override
                public String sendEmail(String to, String subject, String text) {
                    fail();
                    sent.add(to + " | " + subject + " | " + text);
                    return "ses-" + sent.size();
                }

                @Override
                public String sendSms(String to, String text) {
                    fail();
                    sent.add(to + " | " + text);
                    return "sns-" + sent.size();
                }

                private void fail() {
                    if (failuresLeft > 0) {
                        failuresLeft--;
                        throw new DependencyUnavailableException("SES SendEmail failed", null);
                    }
                }
            };
    private final SendMessagesHandler handler =
            new SendMessagesHandler(
                    new OutboxSender(
                            services.consents,
                            services.outbox,
                            MessageTemplates.standard(),
                            messenger,
                            "Cherries Ltd",
                            services.clock));

    /** The sample event, pointed at the messages a capture put into the outbox. */
    private DynamodbEvent eventForTheOutbox() {
        DynamodbEvent sample = EventLoader.loadDynamoDbEvent("events/send-messages.json");
        DynamodbEvent.DynamodbStreamRecord template = sample.getRecords().get(0);
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        int n = 0;
        for (StoredItem item : services.consents.all()) {
            if (!item.pk().startsWith(ConsentTable.OUTBOX_PK_PREFIX)) {
                continue;
            }
            DynamodbEvent.DynamodbStreamRecord record =
                    EventLoader.loadDynamoDbEvent("events/send-messages.json").getRecords().get(0);
            record.getDynamodb().getKeys().put(ConsentTable.PK, new AttributeValue(item.pk()));
            record.getDynamodb()
                    .setSequenceNumber(template.getDynamodb().getSequenceNumber() + n++);
            records.add(record);
        }
        sample.setRecords(records);
        return sample;
    }

    @Test
    void eachMessageIsSentOnceInTheCapturesLanguageAndLeavesNoAddressBehind() {
        services.captureSample();
        DynamodbEvent event = eventForTheOutbox();
        assertEquals(2, event.getRecords().size(), "an email link and an SMS code");

        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream previous =
                JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        StreamsEventResponse response;
        try {
            response = handler.handleRequest(event, null);
            handler.handleRequest(event, null); // redelivered: sends nothing twice
        } finally {
            JsonLog.redirect(previous);
        }

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(2, sent.size(), sent::toString);
        assertTrue(sent.stream().anyMatch(s -> s.contains("Confirme su correo para Cherries Ltd")));
        assertTrue(services.consents.all().stream().noneMatch(i -> i.pk().startsWith("OUTBOX#")));
        String log = logs.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains("@example.com"), log);
        assertTrue(log.contains("\"sent\":2"), log);
    }

    @Test
    void aFailedSendIsReportedForRetryAndTheMessageIsKept() {
        services.captureSample();
        DynamodbEvent event = eventForTheOutbox();
        failuresLeft = 1;

        StreamsEventResponse response = handler.handleRequest(event, null);

        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals(1, sent.size(), "the other message went");
        assertEquals(
                1,
                services.consents.all().stream().filter(i -> i.pk().startsWith("OUTBOX#")).count(),
                "the failed one waits for the retry");
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
        assertEquals(2, sent.size());
    }
}
