/**
 * Classifier-free guidance: generic nested multi-condition guidance, the MCDM 3-condition and mask-guided forms,
 * and the composable region guidance of the data generator. Every evaluation is one batched network call.
 */
package io.likeness.mcdm.guidance;
