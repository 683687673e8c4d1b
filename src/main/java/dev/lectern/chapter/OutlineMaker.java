package dev.lectern.chapter;

import dev.lectern.passage.Passage;
import dev.lectern.transcript.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes a lecture's outline from its transcript and embedded passages: {@link TopicSegmenter} finds the
 * boundaries, {@link KeyPhrases} the keywords and titles. Pure: the model comes in as a function.
 */
public final class OutlineMaker {

    private final ChapterSettings settings;
    private final Function<List<String>, List<float[]>> embed;

    /**
     * @param embed embeds phrases in the passages' vector space (the passage embedder)
     */
    public OutlineMaker(ChapterSettings settings, Function<List<String>, List<float[]>> embed) {
        this.settings = settings;
        this.embed = embed;
    }

    /** The settings this maker computes with. */
    public ChapterSettings settings() {
        return settings;
    }

    /**
     * Computes the chapters of a lecture.
     *
     * @param segments the transcript, in time order, not empty
     * @param passages the passages cut from it, in time order
     * @param vectors one vector per passage
     */
    public Outline compute(List<Segment> segments, List<Passage> passages, List<float[]> vectors) {
        long start = segments.get(0).startMillis();
        long end = segments.get(segments.size() - 1).endMillis();
        List<TopicSegmenter.Block> blocks = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i++) {
            blocks.add(new TopicSegmenter.Block(passages.get(i).startMillis(), vectors.get(i)));
        }
        List<Long> starts = new ArrayList<>();
        starts.add(start);
        starts.addAll(TopicSegmenter.boundaries(blocks, segments, start, end, settings));
        List<KeyPhrases.Titled> titled = KeyPhrases.of(sections(starts, end, segments, passages, vectors), embed);
        List<Chapter> chapters = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            long to = i + 1 < starts.size() ? starts.get(i + 1) : end;
            chapters.add(new Chapter(
                    i, titled.get(i).title(), starts.get(i), to, titled.get(i).keywords()));
        }
        return new Outline(Outline.Source.COMPUTED, chapters, settings.recipe());
    }

    /**
     * Chapters at the given starts with the given titles (provided by a person), with keywords computed from
     * their text. The first chapter is stretched back to where the transcript starts, so the outline covers the
     * whole lecture.
     */
    public Outline provided(
            List<ProvidedChapter> provided, List<Segment> segments, List<Passage> passages, List<float[]> vectors) {
        long start = Math.min(segments.get(0).startMillis(), provided.get(0).startMillis());
        long end = Math.max(
                segments.get(segments.size() - 1).endMillis(),
                provided.get(provided.size() - 1).startMillis());
        List<Long> starts = new ArrayList<>();
        starts.add(start);
        provided.stream().skip(1).forEach(p -> starts.add(p.startMillis()));
        List<KeyPhrases.Titled> keywords = KeyPhrases.of(sections(starts, end, segments, passages, vectors), embed);
        List<Chapter> chapters = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            long to = i + 1 < starts.size() ? starts.get(i + 1) : end;
            chapters.add(new Chapter(
                    i,
                    provided.get(i).title(),
                    starts.get(i),
                    to,
                    keywords.get(i).keywords()));
        }
        return new Outline(Outline.Source.PROVIDED, chapters, null);
    }

    /** Each chapter's text (its segments) and mean vector (of the passages that start in it). */
    private static List<KeyPhrases.Section> sections(
            List<Long> starts, long end, List<Segment> segments, List<Passage> passages, List<float[]> vectors) {
        List<KeyPhrases.Section> sections = new ArrayList<>(starts.size());
        int dimension = vectors.isEmpty() ? 0 : vectors.get(0).length;
        for (int c = 0; c < starts.size(); c++) {
            long from = starts.get(c);
            long to = c + 1 < starts.size() ? starts.get(c + 1) : Long.MAX_VALUE;
            String text = segments.stream()
                    .filter(s -> s.startMillis() >= from && s.startMillis() < to)
                    .map(Segment::text)
                    .collect(Collectors.joining(" "));
            float[] centroid = new float[dimension];
            int counted = 0;
            for (int p = 0; p < passages.size(); p++) {
                long middle = (passages.get(p).startMillis() + passages.get(p).endMillis()) / 2;
                if (middle >= from && middle < to) {
                    add(centroid, vectors.get(p));
                    counted++;
                }
            }
            if (counted == 0) {
                // A chapter shorter than a passage: the passage that covers its start.
                for (int p = passages.size() - 1; p >= 0; p--) {
                    if (passages.get(p).startMillis() <= from) {
                        add(centroid, vectors.get(p));
                        break;
                    }
                }
            }
            sections.add(new KeyPhrases.Section(text, centroid));
        }
        return sections;
    }

    private static void add(float[] sum, float[] vector) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += vector[i];
        }
    }
}
