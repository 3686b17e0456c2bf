/** The paper's editing mask: averaged guided-step differences, normalisation, blur, threshold. */
package io.likeness.mcdm.mask;
