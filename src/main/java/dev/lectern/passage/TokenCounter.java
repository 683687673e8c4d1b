package dev.lectern.passage;

/**
 * Counts tokens the way the embedding model's own tokenizer does, so passages can be sized to what the model
 * actually reads.
 */
@FunctionalInterface
public interface TokenCounter {

    /** Number of tokens in {@code text}, without the special tokens the model adds around every input. */
    int count(String text);
}
