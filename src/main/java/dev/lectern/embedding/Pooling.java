package dev.lectern.embedding;

/** How a sentence model's per-token vectors become one vector for the whole input. */
public enum Pooling {
    /** Average of the token vectors, ignoring padding (sentence-transformers' default, e.g. all-MiniLM-L6-v2). */
    MEAN,
    /** The vector of the first ({@code [CLS]}) token (e.g. the BGE family). */
    CLS
}
