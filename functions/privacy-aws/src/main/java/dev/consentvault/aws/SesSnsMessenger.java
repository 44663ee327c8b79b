package dev.consentvault.aws;

import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.notify.Messenger;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Email through Amazon SES (API v2, a simple plain-text message from the configured sender address)
 * and SMS through Amazon SNS (a direct publish to the number, marked transactional so it is
 * delivered as such, not as marketing). Errors name the call and the SDK's exception class, never a
 * recipient.
 */
public final class SesSnsMessenger implements Messenger {

    private static final Map<String, MessageAttributeValue> TRANSACTIONAL_SMS =
            Map.of(
                    "AWS.SNS.SMS.SMSType",
                    MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue("Transactional")
                            .build());

    private final SesV2Client ses;
    private final SnsClient sns;
    private final String fromAddress;

    /**
     * @param fromAddress the sender address, of a verified SES identity (SenderAddress)
     */
    public SesSnsMessenger(SesV2Client ses, SnsClient sns, String fromAddress) {
        this.ses = ses;
        this.sns = sns;
        this.fromAddress = fromAddress;
    }

    @Override
    public String sendEmail(String to, String subject, String text) {
        try {
            return ses.sendEmail(
                            r ->
                                    r.fromEmailAddress(fromAddress)
                                            .destination(d -> d.toAddresses(to))
                                            .content(
                                                    c ->
                                                            c.simple(
                                                                    m ->
                                                                            m.subject(
                                                                                            s ->
                                                                                                    s.data(
                                                                                                                    subject)
                                                                                                            .charset(
                                                                                                                    "UTF-8"))
                                                                                    .body(
                                                                                            b ->
                                                                                                    b
                                                                                                            .text(
                                                                                                                    t ->
                                                                                                                            t.data(
                                                                                                                                            text)
                                                                                                                                    .charset(
                                                                                                                                            "UTF-8"))))))
                    .messageId();
        } catch (SdkException e) {
            throw new DependencyUnavailableException(
                    "SES SendEmail failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String sendSms(String to, String text) {
        try {
            return sns.publish(
                            r ->
                                    r.phoneNumber(to)
                                            .message(text)
                                            .messageAttributes(TRANSACTIONAL_SMS))
                    .messageId();
        } catch (SdkException e) {
            throw new DependencyUnavailableException(
                    "SNS Publish failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
