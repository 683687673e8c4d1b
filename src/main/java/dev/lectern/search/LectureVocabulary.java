package dev.lectern.search;

import dev.lectern.store.TextAnalysis;
import dev.lectern.transcript.Segment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;

/**
 * The words a lecture actually contains, learned from its transcript: how often each stemmed word and each sound
 * code occurs, and the spoken forms. It answers two questions about a question's words: how rare each is in the
 * lecture (unseen words are the ones a question hinges on when the lecture does not answer it), and which words
 * of the lecture a word the lecture never contains was probably recognised as ("LLaVA" said, "Lava" transcribed;
 * "ZeRO" said, "Xero" transcribed), by sound and by spelling. Nothing here is a hand-written list: it is all
 * counted from the indexed text.
 */
final class LectureVocabulary {

    /** Words: letters, then letters, digits, apostrophes or hyphens. */
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}'-]*");

    /** Words shorter than this are not expanded: too many other words lie within one edit of them. */
    private static final int MIN_EXPANDED_LENGTH = 4;

    /** Expansions added per unseen question word, the most frequent in the lecture first. */
    private static final int EXPANSIONS_PER_WORD = 2;

    private final Map<String, Integer> stems;
    private final Map<String, Integer> sounds;
    /** Spoken form (lower case) to how often it occurs and its sound code. */
    private final Map<String, Form> forms;

    /** A spoken form: how often it occurs, and its sound code ({@code null} for a stop word). */
    private record Form(int count, String sound) {}

    private final long words;

    /** Expansions already looked up, by form: a scan of every form costs about a millisecond. Bounded. */
    private final java.util.concurrent.ConcurrentHashMap<String, List<String>> expanded =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int MAX_REMEMBERED = 10_000;

    private LectureVocabulary(
            Map<String, Integer> stems, Map<String, Integer> sounds, Map<String, Form> forms, long words) {
        this.stems = stems;
        this.sounds = sounds;
        this.forms = forms;
        this.words = words;
    }

    /** The vocabulary of some lectures' segments together. */
    static LectureVocabulary of(List<List<Segment>> lectures, Analysis analysis) {
        Map<String, Integer> stems = new HashMap<>();
        Map<String, Integer> sounds = new HashMap<>();
        Map<String, Integer> formCounts = new HashMap<>();
        long words = 0;
        for (List<Segment> segments : lectures) {
            for (Segment segment : segments) {
                String text = segment.text();
                for (String stem : TextAnalysis.terms(analysis.words(), text)) {
                    stems.merge(stem, 1, Integer::sum);
                    words++;
                }
                for (String sound : TextAnalysis.terms(analysis.sounds(), text)) {
                    sounds.merge(sound, 1, Integer::sum);
                }
                Matcher matcher = WORD.matcher(text);
                while (matcher.find()) {
                    formCounts.merge(matcher.group().toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            }
        }
        Map<String, Form> forms = new HashMap<>();
        formCounts.forEach((form, count) -> {
            List<String> sound = TextAnalysis.terms(analysis.sounds(), form);
            forms.put(form, new Form(count, sound.isEmpty() ? null : sound.get(0)));
        });
        return new LectureVocabulary(stems, sounds, forms, Math.max(words, 1));
    }

    /**
     * The two analyzers, built once per user: Lucene analyzers keep per-thread state and are costly to make. The
     * analysis of single words is remembered ({@link #word}): questions reuse the same few thousand words, and two
     * analyzer passes per word were a measurable part of a search's own CPU (docs/performance.md).
     */
    record Analysis(Analyzer words, Analyzer sounds, Map<String, WordTerms> analysed) {
        /** Words whose analysis is remembered; past this, further words are analysed each time. */
        private static final int MAX_REMEMBERED_WORDS = 20_000;

        static Analysis create() {
            return new Analysis(
                    TextAnalysis.words(), TextAnalysis.sounds(), new java.util.concurrent.ConcurrentHashMap<>());
        }

        /** One word's stemmed terms and sound codes, as the two analyzers give them. */
        WordTerms word(String form) {
            WordTerms known = analysed.get(form);
            if (known != null) {
                return known;
            }
            WordTerms terms = new WordTerms(TextAnalysis.terms(words, form), TextAnalysis.terms(sounds, form));
            if (analysed.size() < MAX_REMEMBERED_WORDS) {
                analysed.put(form, terms);
            }
            return terms;
        }
    }

    /** A word's terms: its stems (empty for a stop word) and its sound codes. */
    record WordTerms(List<String> stems, List<String> sounds) {
        WordTerms {
            stems = List.copyOf(stems);
            sounds = List.copyOf(sounds);
        }
    }

    /**
     * One content word of a question, as the lecture knows it.
     *
     * @param form the word as typed, lower case
     * @param stem its stemmed term
     * @param count how often the stem occurs in the lecture
     * @param sound its sound code, or {@code null}
     * @param soundCount how often its sound code occurs in the lecture
     * @param expansions words of the lecture it was probably transcribed as, when the lecture never says it
     */
    record QuestionWord(String form, String stem, String sound, int count, int soundCount, List<String> expansions) {

        /** Whether the lecture contains the word, a word that sounds like it, or one spelled almost like it. */
        boolean known() {
            return count > 0 || soundCount > 0 || !expansions.isEmpty();
        }
    }

    /** The question's content words (stop words left out), each once, in question order. */
    List<QuestionWord> words(String question, Analysis analysis) {
        List<QuestionWord> out = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        Matcher matcher = WORD.matcher(question);
        while (matcher.find()) {
            String form = matcher.group().toLowerCase(Locale.ROOT);
            WordTerms analysed = analysis.word(form);
            List<String> stemmed = analysed.stems();
            if (stemmed.isEmpty() || seen.put(stemmed.get(0), true) != null) {
                continue; // a stop word, or a repeat
            }
            String stem = stemmed.get(0);
            List<String> sound = analysed.sounds();
            int count = stems.getOrDefault(stem, 0);
            int soundCount = sound.isEmpty() ? 0 : sounds.getOrDefault(sound.get(0), 0);
            List<String> expansions = count > 0 ? List.of() : expansions(form, sound);
            out.add(new QuestionWord(form, stem, sound.isEmpty() ? null : sound.get(0), count, soundCount, expansions));
        }
        return out;
    }

    /** The terms of a text as {@link #words} names them: stems, sound codes after {@code soundMark}, and forms. */
    static java.util.Set<String> terms(String text, Analysis analysis, String soundMark) {
        java.util.Set<String> terms = new java.util.HashSet<>(TextAnalysis.terms(analysis.words(), text));
        for (String sound : TextAnalysis.terms(analysis.sounds(), text)) {
            terms.add(soundMark + sound);
        }
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            terms.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return terms;
    }

    /** Inverse frequency of a word in the lecture: high for rare words, highest for words it never contains. */
    double rarity(QuestionWord word) {
        int count = word.count() > 0 ? word.count() : Math.min(word.soundCount(), 1);
        return Math.log(1.0 + (double) words / (count + 1));
    }

    private List<String> expansions(String form, List<String> sound) {
        List<String> known = expanded.get(form);
        if (known != null) {
            return known;
        }
        List<String> found = spelledOrSoundingAlike(form, sound);
        if (expanded.size() < MAX_REMEMBERED) {
            expanded.put(form, found);
        }
        return found;
    }

    /**
     * Spoken forms of the lecture spelled within one edit of {@code form} (two for words of seven letters or
     * more), or sounding the same (same sound code) within two edits; closest first, then most frequent.
     */
    private List<String> spelledOrSoundingAlike(String form, List<String> sound) {
        if (form.length() < MIN_EXPANDED_LENGTH) {
            return List.of();
        }
        int maxEdits = form.length() >= 7 ? 2 : 1;
        String code = sound.isEmpty() ? null : sound.get(0);
        record Match(String form, int distance, int count) {}
        List<Match> matches = new ArrayList<>();
        for (Map.Entry<String, Form> candidate : forms.entrySet()) {
            String other = candidate.getKey();
            if (other.equals(form) || Math.abs(other.length() - form.length()) > 2) {
                continue;
            }
            int distance = EditDistance.bounded(form, other, 2);
            boolean alike = distance <= maxEdits
                    || (distance <= 2
                            && code != null
                            && code.equals(candidate.getValue().sound()));
            if (alike) {
                matches.add(new Match(other, distance, candidate.getValue().count()));
            }
        }
        return matches.stream()
                .sorted(Comparator.comparingInt(Match::distance)
                        .thenComparing(Comparator.comparingInt(Match::count).reversed())
                        .thenComparing(Match::form))
                .limit(EXPANSIONS_PER_WORD)
                .map(Match::form)
                .toList();
    }

    /** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), stopped past a limit. */
    static final class EditDistance {
        private EditDistance() {}

        /** The distance, or {@code limit + 1} when it is larger. */
        static int bounded(String a, String b, int limit) {
            int[][] d = new int[a.length() + 1][b.length() + 1];
            for (int i = 0; i <= a.length(); i++) {
                d[i][0] = i;
            }
            for (int j = 0; j <= b.length(); j++) {
                d[0][j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                int rowMin = Integer.MAX_VALUE;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                    if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                    }
                    rowMin = Math.min(rowMin, d[i][j]);
                }
                if (rowMin > limit) {
                    return limit + 1;
                }
            }
            return Math.min(d[a.length()][b.length()], limit + 1);
        }
    }
}
