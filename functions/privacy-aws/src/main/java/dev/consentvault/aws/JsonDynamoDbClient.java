package dev.consentvault.aws;

import static dev.consentvault.aws.JsonRpcClient.error;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionSizeLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReplicatedWriteConflictException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The item operations of {@link DynamoDbClient} on {@link JsonRpcClient}: get, put, update, delete,
 * query, scan, the batch and transaction calls. Paginators work (the SDK's own, on {@link #query}
 * and {@link #scan}); table administration is not offered (the SDK's default: {@link
 * UnsupportedOperationException}). Built by {@link AwsClients#jsonDynamoDb()}.
 */
final class JsonDynamoDbClient implements DynamoDbClient {

    static final JsonRpcClient.Service SERVICE =
            new JsonRpcClient.Service(
                    "dynamodb",
                    "DynamoDb",
                    "DynamoDB_20120810.",
                    "application/x-amz-json-1.0",
                    // the SDK's legacy policy for DynamoDB: 8 retries from a 25 ms base
                    9,
                    Duration.ofMillis(25),
                    Map.ofEntries(
                            error(
                                    "ConditionalCheckFailedException",
                                    ConditionalCheckFailedException::builder),
                            error(
                                    "TransactionCanceledException",
                                    TransactionCanceledException::builder),
                            error(
                                    "TransactionConflictException",
                                    TransactionConflictException::builder),
                            error(
                                    "TransactionInProgressException",
                                    TransactionInProgressException::builder),
                            error(
                                    "ProvisionedThroughputExceededException",
                                    ProvisionedThroughputExceededException::builder),
                            error("RequestLimitExceeded", RequestLimitExceededException::builder),
                            error("ThrottlingException", ThrottlingException::builder),
                            error("ResourceNotFoundException", ResourceNotFoundException::builder),
                            error("InternalServerError", InternalServerErrorException::builder),
                            error(
                                    "ItemCollectionSizeLimitExceededException",
                                    ItemCollectionSizeLimitExceededException::builder),
                            error(
                                    "IdempotentParameterMismatchException",
                                    IdempotentParameterMismatchException::builder),
                            error("LimitExceededException", LimitExceededException::builder),
                            error(
                                    "ReplicatedWriteConflictException",
                                    ReplicatedWriteConflictException::builder)),
                    DynamoDbException::builder,
                    // priming reads the capacity a capture's transaction reports, as it would
                    Map.of(
                            "TransactWriteItems",
                            "{\"ConsumedCapacity\":[{\"TableName\":\"priming\","
                                    + "\"CapacityUnits\":2.0,\"Table\":{\"CapacityUnits\":1.0},"
                                    + "\"GlobalSecondaryIndexes\":{\"byEmailKey\":"
                                    + "{\"CapacityUnits\":1.0}}}]}"));

    private final JsonRpcClient rpc;

    JsonDynamoDbClient(JsonRpcClient rpc) {
        this.rpc = rpc;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return rpc.call("GetItem", request, GetItemResponse.builder());
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return rpc.call("PutItem", request, PutItemResponse.builder());
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return rpc.call("UpdateItem", request, UpdateItemResponse.builder());
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return rpc.call("DeleteItem", request, DeleteItemResponse.builder());
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return rpc.call("Query", request, QueryResponse.builder());
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return rpc.call("Scan", request, ScanResponse.builder());
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return rpc.call("BatchGetItem", request, BatchGetItemResponse.builder());
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return rpc.call("BatchWriteItem", request, BatchWriteItemResponse.builder());
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return rpc.call("TransactWriteItems", request, TransactWriteItemsResponse.builder());
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        return rpc.call("TransactGetItems", request, TransactGetItemsResponse.builder());
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // connections belong to the JDK's keep-alive cache
    }
}
