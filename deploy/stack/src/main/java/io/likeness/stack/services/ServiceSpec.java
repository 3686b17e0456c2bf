package io.likeness.stack.services;

import java.util.List;

/**
 * One Likeness service as the launcher runs it.
 *
 * @param name   service name (also the Maven module directory)
 * @param port   HTTP port (health, metrics, API)
 * @param heap   JVM max heap
 */
public record ServiceSpec(String name, int port, String heap) {

    public static final ServiceSpec API_GATEWAY = new ServiceSpec("api-gateway", 8080, "512m");
    public static final ServiceSpec MASK_WORKER = new ServiceSpec("mask-worker", 8081, "2g");
    public static final ServiceSpec GPU_WORKER = new ServiceSpec("gpu-worker", 8082, "2g");
    public static final ServiceSpec TRAINER = new ServiceSpec("trainer", 8083, "3g");

    public static final List<ServiceSpec> ALL = List.of(API_GATEWAY, MASK_WORKER, GPU_WORKER, TRAINER);

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
