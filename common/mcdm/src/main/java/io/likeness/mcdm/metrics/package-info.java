/**
 * Image and feature quality metrics: SSIM and PSNR (optionally restricted to a region such as the unchanged
 * pixels), mask IoU / precision / recall against a ground-truth mask, Fréchet distance between feature sets and
 * cosine similarity. Plain Java on images and arrays; validated on ALGORITHMS.md Appendix C.
 */
package io.likeness.mcdm.metrics;
