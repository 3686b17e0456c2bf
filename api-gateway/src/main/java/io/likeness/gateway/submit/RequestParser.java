package io.likeness.gateway.submit;

import io.likeness.contracts.job.EditParameters;
import io.likeness.contracts.job.MaskMode;
import io.likeness.contracts.job.WebhookSpec;
import io.likeness.contracts.job.WebhookSpec.WebhookEventType;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Turns the loosely typed fields of either request form into a {@link SubmitRequest}, with actionable errors. */
final class RequestParser {

    private static final SecureRandom SEEDS = new SecureRandom();

    private RequestParser() {
    }

    static List<String> edits(List<String> raw) {
        List<String> edits = new ArrayList<>();
        for (String r : raw) {
            Arrays.stream(r.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(edits::add);
        }
        return edits;
    }

    static EditParameters parameters(Long seed, Integer steps, Double imageScale, Double spatialScale, Double textScale,
                                     String maskMode, Double threshold) {
        EditParameters d = EditParameters.defaults(seed != null ? seed : SEEDS.nextLong() & Long.MAX_VALUE);
        MaskMode mode = maskMode == null || maskMode.isBlank() ? MaskMode.AUTO : enumValue(MaskMode.class, maskMode, "mask mode");
        return new EditParameters(d.seed(), steps != null ? steps : d.steps(),
                imageScale != null ? imageScale : d.imageScale(), spatialScale != null ? spatialScale : d.spatialScale(),
                textScale != null ? textScale : d.textScale(), mode,
                threshold != null ? OptionalDouble.of(threshold) : OptionalDouble.empty());
    }

    static Optional<WebhookSpec> webhook(String url, List<String> events) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        for (String e : events == null ? List.<String>of() : edits(events)) {
            String name = e.toLowerCase(Locale.ROOT).replace("edit.", "");
            types.add(enumValue(WebhookEventType.class, name, "webhook event"));
        }
        try {
            return Optional.of(new WebhookSpec(URI.create(url.trim()), types));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("webhook: " + ex.getMessage());
        }
    }

    /** An ISO-8601 instant, or empty. */
    static Optional<Instant> deadline(String deadline, String cancelAfter, Instant now) {
        if (cancelAfter != null && !cancelAfter.isBlank()) {
            return Optional.of(now.plus(duration(cancelAfter)));
        }
        if (deadline == null || deadline.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(deadline.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("deadline must be an ISO-8601 instant like 2026-11-21T12:00:00Z, was '" + deadline + "'");
        }
    }

    /** {@code Cancel-After} values like 90s, 5m, 1h (Replicate's form) or ISO-8601 (PT5M). */
    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cancel-After must look like 90s, 5m or 1h, was '" + value + "'");
        }
    }

    /** Bytes of a {@code data:<type>;base64,<data>} URI. */
    static byte[] dataUri(String uri, String field) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required: a data URI like data:image/png;base64,...");
        }
        int comma = uri.indexOf(',');
        if (!uri.startsWith("data:") || comma < 0 || !uri.substring(0, comma).endsWith(";base64")) {
            throw new IllegalArgumentException("'" + field + "' must be a base64 data URI (data:image/png;base64,...)");
        }
        try {
            return Base64.getMimeDecoder().decode(uri.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' is not valid base64: " + e.getMessage());
        }
    }

    static Map<String, String> metadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > 32 || metadata.entrySet().stream().anyMatch(e -> e.getKey().length() > 64
                || (e.getValue() != null && e.getValue().length() > 512))) {
            throw new IllegalArgumentException("metadata: at most 32 keys, keys ≤ 64 and values ≤ 512 characters");
        }
        return Map.copyOf(metadata);
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String what) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + what + " '" + value + "'; use one of "
                    + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
