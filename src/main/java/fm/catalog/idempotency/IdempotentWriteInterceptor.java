package fm.catalog.idempotency;

import fm.catalog.common.http.IdempotentWrite;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;

/**
 * Runs a POST that holds an Idempotency-Key claim in one database transaction with the record of its
 * answer, so that no crash or timeout between the write and the record can let a retry write twice:
 * <ol>
 * <li>the transaction first locks the claim row and checks that the claim is still this request's
 * (a retry may have taken over a claim it thought abandoned: then this request writes nothing);
 * the row lock is also how a retry knows the request is alive, and it dies with the session;</li>
 * <li>the method runs; the services join this transaction;</li>
 * <li>the answer (status, body, Location, ETag) is written to the claim row, and all commits at once.</li>
 * </ol>
 * A method that fails leaves the transaction rolled back and the answer to IdempotencyFilter: a
 * client error is recorded then, a server error releases the claim. An answer that rolls its own
 * writes back (a dry run, a refused import) is recorded after the rollback, in a transaction of its own.
 * Before the transaction interceptor, so that the services' @Transactional joins this transaction.
 */
@IdempotentWrite
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotentWriteInterceptor {

    private final IdempotencyClaim claim;
    private final IdempotencyStore store;
    private final TransactionManager transactions;

    public IdempotentWriteInterceptor(IdempotencyClaim claim, IdempotencyStore store, TransactionManager transactions) {
        this.claim = claim;
        this.store = store;
        this.transactions = transactions;
    }

    @AroundInvoke
    Object writeOnce(InvocationContext invocation) throws Exception {
        IdempotencyClaim.Held held = claim.held();
        if (held == null || claim.isRecorded()) {
            return invocation.proceed();
        }
        transactions.begin();
        try {
            store.lockClaim(held);
            Object result = invocation.proceed();
            IdempotencyStore.Stored answer = store.answerOf(result, held.secretInBody());
            if (transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                transactions.rollback();
                store.complete(held, answer);
            } else {
                store.completeInThisTransaction(held, answer);
                transactions.commit();
            }
            claim.recorded();
            return result;
        } catch (Exception | Error e) {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
            throw e;
        }
    }
}
