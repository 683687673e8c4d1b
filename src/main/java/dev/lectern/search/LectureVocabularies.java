package dev.lectern.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.store.PassageStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The vocabulary of what a question searches (one lecture, or all of them), learned from the stored transcripts
 * the first time it is needed and kept until a lecture of it is replaced, added or deleted.
 */
@ApplicationScoped
public class LectureVocabularies {

    /** Which versions of which lectures a vocabulary was counted from. */
    private record Scope(List<String> lectures, List<Instant> versions) {}

    private final PassageStore store;
    private final LectureVocabulary.Analysis analysis = LectureVocabulary.Analysis.create();
    private final Cache<Scope, LectureVocabulary> cache = Caffeine.newBuilder()
            .maximumSize(16)
            // Evict on the caller's thread, as the other caches do: the common pool would preempt inference.
            .executor(Runnable::run)
            .build();

    LectureVocabularies(PassageStore store) {
        this.store = store;
    }

    /** Marks sound codes among {@link #terms}: no word starts with it. */
    static final String SOUND = "~";

    /** Stems, sound codes (after {@link #SOUND}) and lower-case forms of a text. */
    java.util.Set<String> terms(String text) {
        return LectureVocabulary.terms(text, analysis, SOUND);
    }

    LectureVocabulary.Analysis analysis() {
        return analysis;
    }

    /** The vocabulary of one lecture, or of all lectures when {@code lectureId} is null; empty when none. */
    Optional<LectureVocabulary> of(String lectureId) {
        List<Lecture> lectures = lectureId == null
                ? store.lectures()
                : store.lecture(lectureId).map(List::of).orElse(List.of());
        if (lectures.isEmpty()) {
            return Optional.empty();
        }
        Scope scope = new Scope(
                lectures.stream().map(Lecture::id).toList(),
                lectures.stream().map(Lecture::ingestedAt).toList());
        return Optional.of(cache.get(
                scope,
                key -> LectureVocabulary.of(
                        key.lectures().stream()
                                .map(store::transcript)
                                .flatMap(Optional::stream)
                                .map(LectureSource::segments)
                                .toList(),
                        analysis)));
    }
}
