package dev.lectern.store;

/**
 * The names under which every adapter stores a lecture and its passages: Lucene document fields and Qdrant payload
 * keys alike. Written once, here, so that both stores keep the same things under the same names, and a lecture
 * reads the same whichever store {@code migrate} copied it into. Names only one adapter stores (the Lucene
 * adapter's indexed text and vector fields; Qdrant's version, write time and recipe keys) stay with that
 * adapter.
 */
public final class FieldNames {

    /** What a stored item is: {@link #KIND_LECTURE} or {@link #KIND_PASSAGE} (Qdrant adds its own kinds). */
    public static final String KIND = "kind";

    public static final String KIND_LECTURE = "lecture";
    public static final String KIND_PASSAGE = "passage";

    /** On a lecture and on each of its passages, so one term or filter selects a whole lecture. */
    public static final String LECTURE_ID = "lecture_id";

    // A lecture's fields.
    public static final String TITLE = "title";
    public static final String SOURCE_URL = "source_url";
    public static final String PASSAGES = "passages";
    public static final String DURATION_SECONDS = "duration_seconds";
    public static final String INGESTED_AT = "ingested_at";

    /** A lecture's chapters, as {@link OutlineJson} writes them. */
    public static final String CHAPTERS = "chapters";

    /** Timed transcript segments, as {@link SegmentsJson} writes them: a lecture's whole transcript, or a passage's. */
    public static final String SEGMENTS = "segments";

    // A passage's fields.
    public static final String ORDINAL = "ordinal";
    public static final String START_MILLIS = "start_millis";
    public static final String END_MILLIS = "end_millis";

    private FieldNames() {}
}
