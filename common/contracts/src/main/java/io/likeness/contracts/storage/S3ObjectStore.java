package io.likeness.contracts.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ObjectStore} on the AWS SDK v2 S3 client: AWS S3, or any S3 API server (S3Proxy locally, MinIO, Ceph).
 * Uses the JDK URL-connection HTTP client (no Netty/Apache client on the classpath) and computes request
 * checksums only when an operation requires them, which S3-compatible servers handle reliably.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3ObjectStore(StorageSettings settings) {
        this.bucket = settings.bucket();
        AwsCredentialsProvider credentials = settings.accessKey()
                .<AwsCredentialsProvider>map(key -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key, settings.secretKey().orElseThrow())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3Configuration s3Config = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Config)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build());
        var presignBuilder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Config);
        settings.endpoint().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint);
            presignBuilder.endpointOverride(endpoint);
        });
        this.s3 = builder.build();
        this.presigner = presignBuilder.build();
    }

    /** Creates the bucket if it does not exist yet (used by the stack launcher and the test harness). */
    public void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception missing) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException raced) {
                // created concurrently: fine
            }
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                .metadata(metadata).build(), RequestBody.fromBytes(bytes));
    }

    @Override
    public void putFile(String key, Path file, String contentType) {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(),
                RequestBody.fromFile(file));
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build())
                    .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean getFile(String key, Path target) {
        try {
            Files.deleteIfExists(target);
            s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build(), ResponseTransformer.toFile(target));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + target, e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
            if (token != null) {
                request.continuationToken(token);
            }
            ListObjectsV2Response page = s3.listObjectsV2(request.build());
            page.contents().forEach(o -> keys.add(o.key()));
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        keys.sort(String::compareTo);
        return keys;
    }

    @Override
    public URI presignGet(String key, Duration validity) {
        try {
            return presigner.presignGetObject(p -> p.signatureDuration(validity)
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("presigned URL is not a URI", e);
        }
    }

    @Override
    public boolean isReachable() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
