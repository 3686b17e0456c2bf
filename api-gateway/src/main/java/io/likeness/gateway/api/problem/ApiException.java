package io.likeness.gateway.api.problem;

/** An error with everything a client needs to act on it; rendered as {@link Problem}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final boolean retryable;

    public ApiException(int status, String code, String title, String detail, boolean retryable) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public boolean retryable() {
        return retryable;
    }
}
