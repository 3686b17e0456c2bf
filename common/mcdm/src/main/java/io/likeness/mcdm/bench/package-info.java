/** Runnable benchmarks (not tests). */
package io.likeness.mcdm.bench;
