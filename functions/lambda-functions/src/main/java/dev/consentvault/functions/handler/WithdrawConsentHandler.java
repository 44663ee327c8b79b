package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.http.ApiResponse;
import dev.consentvault.functions.http.HttpApi;
import dev.consentvault.functions.http.Problem;
import dev.consentvault.functions.snap.Priming;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code POST /v1/receipts/{receiptId}/withdrawals} with the bearer token: withdraws the listed
 * purposes (or all, with {@code {}}) and answers with the updated receipt.
 */
public final class WithdrawConsentHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    private static final JsonLog LOG = new JsonLog("withdraw-consent");
    private final ReceiptService receipts;

    public WithdrawConsentHandler() {
        this(System.getenv());
    }

    public WithdrawConsentHandler(Map<String, String> env) {
        this(new Wiring(env));
    }

    /** The handler as Lambda builds it: registered for SnapStart's checkpoint and restore. */
    public WithdrawConsentHandler(Wiring wiring) {
        this(wiring.receipts());
        // the runtime holds the handler, so the context's weak reference to it stays alive
        Core.getGlobalContext().register(this);
    }

    public WithdrawConsentHandler(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(
                event,
                context,
                LOG,
                request ->
                        receipts.withdraw(
                                        request.pathParameter("receiptId"),
                                        request.bearerToken(),
                                        request.optionalJsonBody())
                                .map(ApiResponse::receipt)
                                .orElseThrow(Problem::receiptNotFound));
    }

    /** Asks for a receipt that does not exist: one read, no write, 404. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.run(
                this,
                Priming.forUnknownReceipt("POST /v1/receipts/{receiptId}/withdrawals"),
                404,
                1);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        receipts.afterRestore();
    }
}
