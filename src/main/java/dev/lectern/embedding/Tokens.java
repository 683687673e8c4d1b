package dev.lectern.embedding;

/** One input as the model reads it: token ids and token type ids, of equal length, special tokens included. */
record Tokens(long[] ids, long[] typeIds) {

    int length() {
        return ids.length;
    }
}
