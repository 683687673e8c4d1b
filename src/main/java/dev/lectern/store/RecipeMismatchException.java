package dev.lectern.store;

import dev.lectern.LecternFailure;

/**
 * A write brought vectors made with another {@link IndexRecipe} than the store's own: mixing them would make
 * searches compare vectors that are not comparable, so the store refused and changed nothing. The message names
 * both recipes and how to switch (rebuild the index). An {@link IllegalStateException}, as the store port promises.
 */
public final class RecipeMismatchException extends IllegalStateException implements LecternFailure {

    public RecipeMismatchException(String message) {
        super(message);
    }
}
