package dev.lectern.passage;

import dev.lectern.transcript.Segment;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run of consecutive transcript segments that is embedded and searched as one unit.
 *
 * @param ordinal position of the passage within its lecture, from 0
 * @param segments the segments it is made of, in time order; kept so that any sentence of the passage can be
 *     mapped back to the time it was said
 */
public record Passage(int ordinal, List<Segment> segments) {

    /** Separator between segment texts inside {@link #text()}. */
    public static final String SEPARATOR = " ";

    public Passage {
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must be >= 0, was " + ordinal);
        }
        if (segments == null || segments.isEmpty()) {
            throw new IllegalArgumentException("a passage needs at least one segment");
        }
        segments = List.copyOf(segments);
    }

    /** Start of the first segment, in milliseconds. */
    public long startMillis() {
        return segments.get(0).startMillis();
    }

    /** End of the last segment, in milliseconds. */
    public long endMillis() {
        return segments.get(segments.size() - 1).endMillis();
    }

    /** The segment texts joined with {@link #SEPARATOR}: what is embedded and shown. */
    public String text() {
        return segments.stream().map(Segment::text).collect(Collectors.joining(SEPARATOR));
    }
}
