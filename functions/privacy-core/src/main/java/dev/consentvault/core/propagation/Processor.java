package dev.consentvault.core.propagation;

import java.util.List;

/**
 * A recipient the catalogue names (a purpose's third party) and how it is told of a withdrawal or
 * an erasure: a signed webhook to {@code webhookUrl}, signed with the secret Secrets Manager holds
 * for {@code id}.
 *
 * @param id stable id, also the last part of its signing secret's name
 * @param name as the purposes catalogue lists it among a purpose's third parties
 * @param location where it processes the data (shown in the docs and to staff)
 * @param receives what it holds of a person, hence all a webhook may carry: {@code email-sha256}
 *     and/or {@code phone-sha256} (what ad platforms match audiences on)
 * @param ack when it counts as having acted: a signed callback, or a 2xx answer to the delivery
 * @param webhookUrl where notices go; null when the deployment has not configured one
 */
public record Processor(
        String id,
        String name,
        String location,
        List<String> receives,
        AckMode ack,
        String webhookUrl) {

    public static final String EMAIL_SHA256 = "email-sha256";
    public static final String PHONE_SHA256 = "phone-sha256";

    public Processor {
        receives = List.copyOf(receives);
    }

    /** How a processor confirms it acted on a notice. */
    public enum AckMode {
        /** It calls {@code POST /v1/processor-acks}, signed with its secret. */
        CALLBACK,
        /** A 2xx answer to the webhook is its acknowledgement. */
        DELIVERY
    }
}
