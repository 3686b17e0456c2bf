package io.likeness.trainer.dataset;

/** One tar shard of a dataset: file name, number of samples, size and SHA-256 of the file. */
public record ShardInfo(String name, int count, long bytes, String sha256) {
}
