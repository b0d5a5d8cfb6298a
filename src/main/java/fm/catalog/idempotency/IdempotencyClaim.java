package fm.catalog.idempotency;

import jakarta.enterprise.context.RequestScoped;

/** The claim of the current request on an Idempotency-Key, from IdempotencyFilter to the end of the request. */
@RequestScoped
public class IdempotencyClaim {

    /** Whose key, which key, the token that proves this request holds it, and whether the body must not be kept. */
    record Held(String principal, String key, String token, boolean secretInBody) {
    }

    private Held held;
    private boolean recorded;

    void hold(Held claim) {
        this.held = claim;
    }

    /** The claim, or null when the request has none (no key, not a POST, anonymous). */
    Held held() {
        return held;
    }

    /** The answer was recorded with the write, in its transaction: nothing is left to do after. */
    void recorded() {
        recorded = true;
    }

    boolean isRecorded() {
        return recorded;
    }
}
