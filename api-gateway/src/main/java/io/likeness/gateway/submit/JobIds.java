package io.likeness.gateway.submit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/** New job and batch ids: time-ordered (millisecond prefix) and random, safe as S3 key segments. */
final class JobIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private JobIds() {
    }

    static String next(String prefix, Clock clock) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return prefix + "-" + Long.toHexString(clock.millis()) + HexFormat.of().formatHex(random);
    }
}
