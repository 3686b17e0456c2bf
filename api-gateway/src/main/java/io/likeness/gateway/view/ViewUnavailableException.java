package io.likeness.gateway.view;

/** The global stores are not queryable yet (instance starting, rebalancing): a retryable condition. */
public class ViewUnavailableException extends RuntimeException {

    public ViewUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
