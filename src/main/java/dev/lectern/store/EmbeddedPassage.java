package dev.lectern.store;

import dev.lectern.passage.Passage;

/** A passage with its vector, ready to be stored. */
public record EmbeddedPassage(Passage passage, float[] vector) {

    public EmbeddedPassage {
        if (vector == null || vector.length == 0) {
            throw new IllegalArgumentException("vector must not be empty");
        }
    }
}
