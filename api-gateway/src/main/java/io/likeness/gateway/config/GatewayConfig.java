package io.likeness.gateway.config;

import io.likeness.contracts.image.ImageLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The gateway's own settings ({@code likeness.gateway.*}). */
@ConfigMapping(prefix = "likeness.gateway")
public interface GatewayConfig {

    /** Upload limits, checked before an image is decoded. */
    Uploads uploads();

    /** Longest {@code Prefer: wait=N} honoured. */
    @WithDefault("60s")
    Duration maxWait();

    /** Most directions in one sticker-pack request. */
    @WithDefault("8")
    int maxEditsPerRequest();

    /** How image links are served. */
    Results results();

    /** Model registry reads and writes ({@code /v1/models}) and dataset status ({@code /v1/datasets}). */
    Registry registry();

    interface Registry {
        /** How long a request waits for this instance to read the models or trainer-events topic to its end. */
        @WithDefault("5s")
        Duration catchUpTimeout();
    }

    interface Results {
        /** Answer {@code /result}, {@code /mask}, {@code /input} with a 307 to a presigned S3 URL instead of the bytes. */
        @WithDefault("false")
        boolean presignedRedirect();

        /** Validity of presigned URLs (S3 allows at most 7 days). */
        @WithDefault("15m")
        Duration presignValidity();
    }

    interface Uploads {
        /** Largest upload in bytes (413 above). */
        @WithDefault("20971520")
        long maxBytes();

        /** Largest image in pixels, read from the header (422 above: decompression bombs never get decoded). */
        @WithDefault("40000000")
        long maxPixels();

        /** Longest side in pixels. */
        @WithDefault("12000")
        int maxSide();

        default ImageLimits limits() {
            return ImageLimits.defaults().withMaxBytes(maxBytes()).withMaxPixels(maxPixels()).withMaxSide(maxSide());
        }
    }
}
