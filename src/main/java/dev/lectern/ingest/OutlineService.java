package dev.lectern.ingest;

import dev.lectern.chapter.Chapter;
import dev.lectern.chapter.ChapterConfig;
import dev.lectern.chapter.ChapterSettings;
import dev.lectern.chapter.Outline;
import dev.lectern.chapter.OutlineMaker;
import dev.lectern.chapter.ProvidedChapter;
import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.generate.ChapterTitleWriter;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureNotFoundException;
import dev.lectern.lecture.LectureSource;
import dev.lectern.passage.Passage;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.PassageStore;
import dev.lectern.transcript.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Lectures' chapters: computed at ingest from the passages and their vectors, replaced by chapters a person
 * provides, recomputed when the chapter settings change.
 */
@ApplicationScoped
public class OutlineService {

    private static final Logger LOG = Logger.getLogger(OutlineService.class);

    private final PassageStore store;
    private final OutlineMaker maker;
    private final ChapterTitleWriter titleWriter;

    OutlineService(
            PassageStore store, SentenceEmbedder embedder, ChapterConfig config, ChapterTitleWriter titleWriter) {
        this.store = store;
        ChapterSettings settings;
        try {
            settings = new ChapterSettings(
                    config.minDuration().toMillis(),
                    config.maxDuration().toMillis(),
                    config.llmTitles() && titleWriter.enabled());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid chapter settings: " + e.getMessage(), e);
        }
        if (config.llmTitles() && !titleWriter.enabled()) {
            LOG.warn("lectern.chapters.llm-titles is on but no chat model is configured (lectern.llm.base-url and"
                    + " lectern.llm.model); chapters get offline titles");
        }
        this.maker = new OutlineMaker(settings, embedder::embedPhrases);
        this.titleWriter = titleWriter;
    }

    /** Computes the chapters of a transcript from its embedded passages; blocking (model inference). */
    public Outline compute(List<Segment> segments, List<EmbeddedPassage> passages) {
        Outline outline = maker.compute(segments, passagesOf(passages), vectorsOf(passages));
        return maker.settings().llmTitles() ? withModelTitles(outline, segments) : outline;
    }

    /**
     * The chapters to store with a new version of a lecture: chapters a person provided stay while the text is
     * the same (a re-upload of the same transcript, a re-embedding); otherwise they are computed.
     */
    Outline forVersion(String lectureId, List<Segment> segments, List<EmbeddedPassage> passages) {
        Optional<LectureSource> previous = store.transcript(lectureId);
        if (previous.isPresent()
                && previous.get().outline() != null
                && previous.get().outline().source() == Outline.Source.PROVIDED
                && previous.get().segments().equals(segments)) {
            return previous.get().outline();
        }
        return compute(segments, passages);
    }

    /**
     * A lecture's chapters. A lecture stored without chapters (by an older Lectern, until the next start
     * computes them) reads as one chapter titled with the lecture's title.
     *
     * @throws LectureNotFoundException when the lecture is not stored
     */
    public Outline outline(String lectureId) {
        Optional<Outline> stored = store.outline(lectureId);
        if (stored.isPresent()) {
            return stored.get();
        }
        Lecture lecture = store.lecture(lectureId).orElseThrow(() -> new LectureNotFoundException(lectureId));
        return Outline.whole(lecture.title(), Math.round(lecture.durationSeconds() * 1000));
    }

    /**
     * Replaces a lecture's chapters with chapters a person provides; their keywords are computed from the text.
     *
     * @throws LectureNotFoundException when the lecture is not stored
     */
    public Outline provide(String lectureId, List<ProvidedChapter> chapters) {
        LectureSource source = store.transcript(lectureId).orElseThrow(() -> new LectureNotFoundException(lectureId));
        List<EmbeddedPassage> passages = store.passages(lectureId);
        Outline outline = maker.provided(chapters, source.segments(), passagesOf(passages), vectorsOf(passages));
        if (!store.replaceOutline(lectureId, outline)) {
            throw new LectureNotFoundException(lectureId);
        }
        LOG.infof(
                "Lecture '%s' now has %d provided chapters",
                lectureId, outline.chapters().size());
        return outline;
    }

    /**
     * Computes the chapters of every stored lecture that has none, or computed ones made with other settings;
     * provided chapters stay. Run at start, after the recipe is reconciled.
     */
    void refreshStale() {
        for (Lecture lecture : store.lectures()) {
            Optional<Outline> stored = store.outline(lecture.id());
            boolean stale = stored.isEmpty()
                    || (stored.get().source() == Outline.Source.COMPUTED
                            && !Objects.equals(
                                    stored.get().recipe(), maker.settings().recipe()));
            if (!stale) {
                continue;
            }
            Optional<LectureSource> source = store.transcript(lecture.id());
            List<EmbeddedPassage> passages = store.passages(lecture.id());
            if (source.isEmpty() || passages.isEmpty()) {
                continue; // deleted meanwhile
            }
            Outline outline = compute(source.get().segments(), passages);
            store.replaceOutline(lecture.id(), outline);
            LOG.infof(
                    "Computed the chapters of lecture '%s' (%s): %d chapters",
                    lecture.id(), maker.settings().recipe(), outline.chapters().size());
        }
    }

    private Outline withModelTitles(Outline outline, List<Segment> segments) {
        List<Chapter> titled = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Chapter chapter : outline.chapters()) {
            String text = segments.stream()
                    .filter(s -> s.startMillis() >= chapter.startMillis() && s.startMillis() < chapter.endMillis())
                    .map(Segment::text)
                    .collect(Collectors.joining(" "));
            String title = titleWriter
                    .title(text, chapter.keywords())
                    .filter(t -> !used.contains(t.toLowerCase(Locale.ROOT)))
                    .orElse(chapter.title());
            used.add(title.toLowerCase(Locale.ROOT));
            titled.add(new Chapter(
                    chapter.index(), title, chapter.startMillis(), chapter.endMillis(), chapter.keywords()));
        }
        return new Outline(outline.source(), titled, outline.recipe());
    }

    private static List<Passage> passagesOf(List<EmbeddedPassage> passages) {
        return passages.stream().map(EmbeddedPassage::passage).toList();
    }

    private static List<float[]> vectorsOf(List<EmbeddedPassage> passages) {
        return passages.stream().map(EmbeddedPassage::vector).toList();
    }
}
