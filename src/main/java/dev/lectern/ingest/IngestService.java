package dev.lectern.ingest;

import dev.lectern.chapter.Outline;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureExistsException;
import dev.lectern.lecture.LectureSource;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.PassageStore;
import dev.lectern.transcript.Segment;
import dev.lectern.transcript.Transcripts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Indexes lectures: parse the transcript, cut it into passages, embed them, store them. Everything that can
 * fail on bad input or in the model happens before the store is touched, so a failed upload never changes
 * what is stored.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final PassagePipeline pipeline;
    private final PassageStore store;
    private final OutlineService outlines;
    private final MeterRegistry meters;
    private final Counter passagesIndexed;
    private final Counter audioIndexed;
    private final Timer embedding;
    private final ReentrantLock writes = new ReentrantLock();

    IngestService(PassagePipeline pipeline, PassageStore store, OutlineService outlines, MeterRegistry meters) {
        this.pipeline = pipeline;
        this.store = store;
        this.outlines = outlines;
        this.meters = meters;
        this.passagesIndexed = Counter.builder("lectern.ingest.passages")
                .description("Passages indexed by uploads")
                .baseUnit("passages")
                .register(meters);
        this.audioIndexed = Counter.builder("lectern.ingest.audio")
                .description("Seconds of recorded speech indexed by uploads (the lectures' durations)")
                .baseUnit("seconds")
                .register(meters);
        this.embedding = Timer.builder("lectern.model.inference")
                .description("Inference calls of requests on the embedding model, by what was embedded")
                .tag("work", "passages")
                .register(meters);
        for (String outcome : List.of("created", "replaced", "failed")) {
            lecturesIngested(outcome);
        }
    }

    /** Lectures ingested ({@code lectern_ingest_lectures_total}) by outcome; registered once, then looked up. */
    private Counter lecturesIngested(String outcome) {
        return Counter.builder("lectern.ingest.lectures")
                .description("Lectures uploaded, by outcome: created, replaced, or failed (malformed or not stored)")
                .baseUnit("lectures")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** Whether an upload may replace a lecture stored under its id. */
    public enum Write {
        /** Store the lecture, replacing an earlier version with the same id (PUT, seeding). */
        CREATE_OR_REPLACE,
        /** Store the lecture only when its id is free (POST). */
        CREATE_ONLY
    }

    /**
     * Indexes a lecture, replacing an earlier version with the same id atomically; blocking.
     *
     * @throws dev.lectern.transcript.TranscriptParseException when the transcript is malformed
     */
    public IngestResult ingest(LectureUpload upload) {
        return ingest(upload, Write.CREATE_OR_REPLACE);
    }

    /**
     * Indexes a lecture; blocking. Whether the id is free is decided in the same step as the write, so of two
     * uploads of one new id, exactly one creates the lecture: with {@link Write#CREATE_ONLY} the other fails, with
     * {@link Write#CREATE_OR_REPLACE} it replaces the first and reports so.
     *
     * @throws dev.lectern.transcript.TranscriptParseException when the transcript is malformed
     * @throws LectureExistsException for {@link Write#CREATE_ONLY} when the id is taken; nothing is changed
     */
    public IngestResult ingest(LectureUpload upload, Write write) {
        try {
            IngestResult result = index(upload, write);
            lecturesIngested(result.created() ? "created" : "replaced").increment();
            passagesIndexed.increment(result.lecture().passages());
            audioIndexed.increment(result.lecture().durationSeconds());
            return result;
        } catch (RuntimeException e) {
            lecturesIngested("failed").increment();
            throw e;
        }
    }

    private IngestResult index(LectureUpload upload, Write write) {
        if (write == Write.CREATE_ONLY && store.lecture(upload.id()).isPresent()) {
            throw new LectureExistsException(upload.id()); // early, before the model's work; decided again below
        }
        long started = System.nanoTime();
        List<Segment> segments = Transcripts.parse(upload.transcript(), upload.format());
        long embeddingStarted = System.nanoTime();
        List<EmbeddedPassage> passages = pipeline.embed(segments);
        embedding.record(System.nanoTime() - embeddingStarted, TimeUnit.NANOSECONDS);
        long chaptering = System.nanoTime();
        Outline outline = outlines.forVersion(upload.id(), segments, passages);
        long chapterMillis = (System.nanoTime() - chaptering) / 1_000_000;
        double duration = segments.get(segments.size() - 1).endMillis() / 1000.0;
        Lecture lecture = new Lecture(
                upload.id(),
                upload.title(),
                upload.sourceUrl(),
                passages.size(),
                duration,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        boolean created;
        // Lecture writes of this service are serialised, so "is the id free?" and the write are one step.
        writes.lock();
        try {
            created = store.lecture(upload.id()).isEmpty();
            if (!created && write == Write.CREATE_ONLY) {
                throw new LectureExistsException(upload.id());
            }
            store.replaceLecture(pipeline.recipe(), new LectureSource(lecture, segments, outline), passages);
        } finally {
            writes.unlock();
        }
        LOG.infof(
                "Indexed lecture '%s': %d segments, %d passages, %d chapters (%d ms), in %d ms",
                lecture.id(),
                segments.size(),
                passages.size(),
                outline.chapters().size(),
                chapterMillis,
                (System.nanoTime() - started) / 1_000_000);
        return new IngestResult(lecture, created);
    }

    /**
     * Re-embeds every stored lecture from its stored transcript with the current recipe, replacing the whole
     * index in one step; searches see the old index until the new one is complete.
     */
    public void reembedAll() {
        List<Lecture> lectures = store.lectures();
        Iterator<PassageStore.Rebuilt> rebuilt = lectures.stream()
                .map(lecture -> {
                    LectureSource source = store.transcript(lecture.id()).orElseThrow();
                    List<EmbeddedPassage> passages = pipeline.embed(source.segments());
                    Lecture updated = new Lecture(
                            lecture.id(),
                            lecture.title(),
                            lecture.sourceUrl(),
                            passages.size(),
                            lecture.durationSeconds(),
                            lecture.ingestedAt());
                    // Provided chapters stay: the text is the same. Computed ones follow the new passages.
                    Outline outline =
                            source.outline() != null && source.outline().source() == Outline.Source.PROVIDED
                                    ? source.outline()
                                    : outlines.compute(source.segments(), passages);
                    LOG.infof("Re-embedded lecture '%s': %d passages", lecture.id(), passages.size());
                    return new PassageStore.Rebuilt(new LectureSource(updated, source.segments(), outline), passages);
                })
                .iterator();
        store.rebuild(pipeline.recipe(), rebuilt);
    }
}
