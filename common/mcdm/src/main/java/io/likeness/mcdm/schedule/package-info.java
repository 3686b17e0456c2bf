/** The SD noise schedule (double-precision tables) and inference timestep spacing. */
package io.likeness.mcdm.schedule;
