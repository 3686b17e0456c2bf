/** Versioned checkpoints: manifest (architecture, edit catalog, provenance, metrics, sha256), DJL weights, archives. */
package io.likeness.mcdm.checkpoint;
