package dev.lectern.search;

/** A sentence of a passage with the time span of the segments it was spoken in. */
public record TimedSentence(String text, long startMillis, long endMillis) {}
