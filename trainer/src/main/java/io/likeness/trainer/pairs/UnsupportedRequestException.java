package io.likeness.trainer.pairs;

/** A dataset request a generator cannot serve, whatever the number of attempts (e.g. a direction it does not know). */
public class UnsupportedRequestException extends RuntimeException {

    public UnsupportedRequestException(String message) {
        super(message);
    }
}
