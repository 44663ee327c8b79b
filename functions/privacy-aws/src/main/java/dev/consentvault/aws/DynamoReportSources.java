package dev.consentvault.aws;

import dev.consentvault.core.privacy.PrivacyRequestTable;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.report.ReportSources;
import dev.consentvault.core.report.RequestRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The privacy requests as the report reads them: the byStatus index, one query per status, only
 * type, status and instants projected.
 */
public final class DynamoReportSources implements ReportSources {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReportSources(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<RequestRecord> requests() {
        List<RequestRecord> records = new ArrayList<>();
        for (RequestStatus status : RequestStatus.values()) {
            dynamo.queryPaginator(
                            r ->
                                    r.tableName(table)
                                            .indexName(PrivacyRequestTable.STATUS_INDEX)
                                            .keyConditionExpression("#status = :s")
                                            .projectionExpression(
                                                    "#type, #status, #received, #due, #completed")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#status",
                                                            PrivacyRequestTable.STATUS,
                                                            "#type",
                                                            PrivacyRequestTable.TYPE,
                                                            "#received",
                                                            PrivacyRequestTable.RECEIVED_AT,
                                                            "#due",
                                                            PrivacyRequestTable.DUE_AT,
                                                            "#completed",
                                                            PrivacyRequestTable.COMPLETED_AT))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":s",
                                                            AttributeValue.fromS(status.name()))))
                    .items()
                    .forEach(
                            item ->
                                    records.add(
                                            new RequestRecord(
                                                    str(item, PrivacyRequestTable.TYPE),
                                                    str(item, PrivacyRequestTable.STATUS),
                                                    instant(item, PrivacyRequestTable.RECEIVED_AT),
                                                    instant(item, PrivacyRequestTable.DUE_AT),
                                                    instant(
                                                            item,
                                                            PrivacyRequestTable.COMPLETED_AT))));
        }
        return records;
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = str(item, name);
        return value == null ? null : Instant.parse(value);
    }
}
