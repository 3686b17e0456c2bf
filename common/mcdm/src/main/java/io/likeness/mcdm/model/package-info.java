/**
 * The contracts between the MCDM networks and everything that drives them (samplers, guidance, mask, editor).
 * The networks themselves (DJL blocks with SD 1.x parameter names) live in {@code io.likeness.mcdm.nn}.
 */
package io.likeness.mcdm.model;
