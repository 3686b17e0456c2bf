package io.likeness.trainer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;

/**
 * The data order of a cached corpus: a seeded permutation per epoch, read in batches; the position (epoch, index)
 * is what a checkpoint saves and {@link #seek} restores.
 */
public final class EpochOrder {

    private final int size;
    private final long seed;
    private int epoch;
    private int index;
    private int[] order;

    /** @param salt distinguishes the orders of different stages with the same run seed */
    public EpochOrder(int size, long seed, long salt) {
        this.size = size;
        this.seed = StepRandom.mix(seed, salt);
        this.order = permutation(0);
    }

    private int[] permutation(int e) {
        int[] p = new int[size];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(StepRandom.mix(seed, e));
        for (int i = p.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The next {@code n} item indices, moving to a fresh permutation at each epoch's end. */
    public int[] next(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (index >= order.length) {
                epoch++;
                index = 0;
                order = permutation(epoch);
            }
            out[i] = order[index++];
        }
        return out;
    }

    public JsonNode position() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("epoch", epoch);
        o.put("index", index);
        return o;
    }

    public void seek(JsonNode position) {
        epoch = position.get("epoch").asInt();
        index = position.get("index").asInt();
        order = permutation(epoch);
    }
}
