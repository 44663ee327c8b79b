package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** When KMS or DynamoDB fails, the person gets 503 and nothing is half-written. */
class FailureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    /** Fails one operation, as if the service were unreachable; everything else goes through. */
    static final class FailingOperation implements ExecutionInterceptor {
        private final java.util.Set<String> operations;
        volatile boolean armed;

        /**
         * @param operations one, or several joined with '+'
         */
        FailingOperation(String operations) {
            this.operations = java.util.Set.of(operations.split("\\+"));
        }

        @Override
        public void beforeTransmission(
                Context.BeforeTransmission context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (armed && operations.contains(operation)) {
                throw SdkClientException.create("injected failure of " + operation);
            }
        }
    }

    @ParameterizedTest(name = "{0} fails")
    // DynamoDB alone failing is held on the capture buffer (below): 503 needs the queue down too
    @CsvSource({"GenerateDataKey", "TransactWriteItems+SendMessage"})
    void aFailingDependencyAnswers503AndLeavesNothingWritten(String operation) throws Exception {
        FailingOperation failure = new FailingOperation(operation);
        // the stack's index key exists, as it does once any function has started
        cloud.captureHandler();
        // armed from the start: the data key the function prepares while it starts cannot be
        // generated either, so the first capture asks KMS again (and fails)
        failure.armed = true;
        CaptureConsentHandler handler = cloud.captureHandler(failure);
        int before = cloud.consentItemCount();
        int keysBefore = cloud.scan("ReceiptKeysTable").size();

        Captures person = new Captures();
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        cloud.captureEvent(
                                person.everyField(),
                                Map.of("idempotency-key", UUID.randomUUID().toString())),
                        null);

        assertEquals(503, response.getStatusCode());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertTrue(response.getHeaders().containsKey("retry-after"));
        JsonNode problem = JSON.readTree(response.getBody());
        assertEquals(503, problem.get("status").asInt());
        assertFalse(response.getBody().contains(person.email));
        assertEquals(before, cloud.consentItemCount(), "nothing was written");
        assertEquals(keysBefore, cloud.scan("ReceiptKeysTable").size(), "no receipt key either");

        failure.armed = false;
        assertEquals(
                201,
                handler.handleRequest(cloud.captureEvent(person.everyField(), Map.of()), null)
                        .getStatusCode(),
                "the same container recovers once the dependency is back");
    }

    @Test
    void aFailingDynamoDbWriteIsHeldAnswered202AndNothingIsWrittenYet() throws Exception {
        FailingOperation failure = new FailingOperation("TransactWriteItems");
        // the deployed patience (1 s), as a person would wait
        CaptureConsentHandler handler = cloud.captureHandlerWithDeployedPatience(failure);
        failure.armed = true;
        int before = cloud.consentItemCount();
        int held = cloud.queueDepth("CaptureBufferQueue");
        Captures person = new Captures();

        APIGatewayV2HTTPResponse response =
                handler.handleRequest(cloud.captureEvent(person.everyField(), Map.of()), null);

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertTrue(JSON.readTree(response.getBody()).get("held").asBoolean());
        assertEquals(
                before, cloud.consentItemCount(), "nothing written yet: the drainer writes it");
        assertEquals(held + 1, cloud.queueDepth("CaptureBufferQueue"), "held on the queue");
    }
}
