package dev.lectern.chapter;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishMinimalStemmer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

/**
 * Picks each chapter's key phrases and makes a heading of them, offline.
 *
 * <ol>
 *   <li>Candidates are runs of one to three words between stop words, fillers of speech ("yeah", "kind of") and
 *       punctuation, grouped by their singular lower-case form.
 *   <li>Statistics: class-based TF-IDF (as BERTopic) ranks a chapter's candidates by how much more often the
 *       chapter says them than the lecture as a whole.
 *   <li>The model: the best candidates by statistics are embedded and ranked by cosine to the chapter's mean
 *       passage vector (as KeyBERT), so phrases that carry the chapter's meaning rise over merely frequent ones.
 *   <li>The two rankings are fused by reciprocal rank, as search fuses its two legs; overlapping phrases ("image",
 *       "image generation") keep only the better one.
 * </ol>
 *
 * The title is the best phrase, joined with the next one when both fit in {@value Chapter#MAX_COMPUTED_TITLE_LENGTH}
 * characters, and differs from every earlier title of the lecture.
 */
final class KeyPhrases {

    /** Candidates per chapter kept by statistics: enough for 8 keywords after overlaps are removed. */
    static final int CANDIDATES_PER_CHAPTER = 16;

    /**
     * The best candidates by statistics that the model ranks again. The title comes from them; embedding a phrase
     * costs about as much per token as embedding the passages, so 6 per chapter keep chaptering to a few per cent
     * of ingest (docs/chapters.md).
     */
    static final int MODEL_RANKED = 6;

    static final int MAX_KEYWORDS = 8;
    static final int MIN_KEYWORDS = 3;
    private static final int MAX_PHRASE_WORDS = 3;

    /** Phrases whose vectors are closer than this say the same thing ("GPU memory", "memory usage"). */
    private static final double SAME_MEANING = 0.75;

    /** The constant of reciprocal rank fusion, as in search. */
    private static final int RRF_K = 60;

    private static final Pattern TOKEN =
            Pattern.compile("([\\p{L}\\p{N}](?:[\\p{L}\\p{N}'’\\-]*[\\p{L}\\p{N}])?)|([.,;:!?()\\[\\]\"“”…—–])");

    private static final String[] SPEECH = {
        "yeah",
        "yes",
        "okay",
        "ok",
        "oh",
        "um",
        "uh",
        "hmm",
        "mm",
        "like",
        "just",
        "really",
        "actually",
        "basically",
        "gonna",
        "wanna",
        "gotta",
        "kinda",
        "sorta",
        "kind",
        "sort",
        "lot",
        "lots",
        "thing",
        "things",
        "stuff",
        "something",
        "anything",
        "everything",
        "nothing",
        "someone",
        "somebody",
        "anyone",
        "everyone",
        "people",
        "person",
        "guys",
        "way",
        "ways",
        "know",
        "think",
        "thought",
        "mean",
        "means",
        "say",
        "says",
        "said",
        "saying",
        "see",
        "seen",
        "go",
        "goes",
        "going",
        "went",
        "get",
        "gets",
        "got",
        "getting",
        "make",
        "makes",
        "made",
        "making",
        "want",
        "wants",
        "wanted",
        "use",
        "uses",
        "used",
        "using",
        "need",
        "needs",
        "look",
        "looks",
        "looking",
        "also",
        "maybe",
        "right",
        "well",
        "much",
        "many",
        "even",
        "still",
        "good",
        "better",
        "best",
        "great",
        "different",
        "first",
        "second",
        "third",
        "one",
        "two",
        "three",
        "four",
        "five",
        "new",
        "now",
        "today",
        "time",
        "times",
        "let",
        "us",
        "can",
        "could",
        "would",
        "should",
        "might",
        "must",
        "may",
        "will",
        "shall",
        "example",
        "examples",
        "question",
        "questions",
        "part",
        "point",
        "slide",
        "slides",
        "talk",
        "idea",
        "ideas",
        "work",
        "works",
        "worked",
        "working",
        "call",
        "called",
        "thank",
        "thanks",
        "bit",
        "little",
        "big",
        "sure",
        "important",
        "course",
        "case",
        "cases",
        "fact",
        "able",
        "via",
        "etc",
        "please",
        "another",
        "next",
        "last",
        "previous",
        "certainly",
        "obviously",
        "probably",
        "pretty",
        "quite",
        "whole",
        "every",
        "already",
        "always",
        "never",
        "sometimes",
        "often",
        "usually",
        "per",
        "yet",
        "though",
        "although",
        "however",
        "therefore",
        "thus",
        "hence",
        "since",
        "seem",
        "seems",
        "come",
        "comes",
        "coming",
        "came",
        "take",
        "takes",
        "taking",
        "took",
        "give",
        "gives",
        "given",
        "giving",
        "gave",
        "try",
        "tried",
        "trying",
        "find",
        "found",
        "show",
        "shows",
        "shown",
        "showed",
        "tell",
        "told",
        "put",
        "keep",
        "kept",
        "set",
        "start",
        "started",
        "end",
        "ends",
        "year",
        "years",
        "day",
        "days",
        "lot",
        "okay",
        "kind",
        "real",
        "simple",
        "hard",
        "easy",
        "large",
        "small",
        "long",
        "high",
        "low",
        "less",
        "lot",
        "number",
        "able",
        "actually",
        "anyway",
        "somehow",
        "somewhat",
        "perhaps",
        "definitely",
        "exactly",
        "especially",
        "finally",
        "currently",
        "recently",
        "directly",
        "simply",
        "totally",
        "literally",
        "almost",
        "enough",
        "around",
        "back",
        "away",
        "together",
        "else",
        "instead",
        "rather",
        "already",
        "far",
        "ago",
        "later",
        "soon",
        "maybe",
        "hello",
        "hi",
        "everybody",
        "thing",
        "stuff",
        "whatever",
        "whether",
        "within",
        "without",
        "across",
        "along",
        "upon",
        "among",
        "toward",
        "towards",
        "cannot",
        "can't",
        "don't",
        "i'm",
        "it's",
        "that's",
        "we're",
        "they're",
        "you're",
        "let's",
        "there's",
        "here's",
        "what's",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "won't",
        "lectures",
        "lecture",
        "today's",
        "yesterday",
        "tomorrow",
        "next",
        "understand",
        "understanding",
        "important",
        "interesting"
    };

    /**
     * Snowball's English stop words plus words that carry no topic in speech: fillers, hedges and the verbs and
     * nouns a speaker uses about anything ("thing", "people", "slide").
     */
    private static final CharArraySet STOP = stopWords();

    private KeyPhrases() {}

    private static CharArraySet stopWords() {
        try (Reader reader =
                IOUtils.getDecodingReader(SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8)) {
            CharArraySet set = new CharArraySet(WordlistLoader.getSnowballWordSet(reader), true);
            for (String word : SPEECH) {
                set.add(word);
            }
            return CharArraySet.unmodifiableSet(set);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lucene's English stop words", e);
        }
    }

    /** A chapter's keywords and title. */
    record Titled(String title, List<String> keywords) {}

    /** A chapter to title: its text and its mean passage vector. */
    record Section(String text, float[] centroid) {}

    /**
     * Titles and keywords for the chapters of one lecture.
     *
     * @param embed embeds phrases in the passages' vector space, one vector per phrase
     */
    static List<Titled> of(List<Section> sections, Function<List<String>, List<float[]>> embed) {
        List<Map<String, Candidate>> perChapter = new ArrayList<>();
        for (Section section : sections) {
            Map<String, Candidate> candidates = new LinkedHashMap<>();
            candidates(section.text(), candidates);
            perChapter.add(candidates);
        }

        // TF-IDF with chapters as documents: (1 + ln tf) times BM25's idf, which stays positive, so a phrase the
        // whole lecture repeats ("model") ranks far below one said often in this chapter only.
        Map<String, Integer> chaptersSaying = new HashMap<>();
        perChapter.forEach(
                candidates -> candidates.keySet().forEach(key -> chaptersSaying.merge(key, 1, Integer::sum)));
        int chapters = sections.size();
        List<List<Candidate>> shortlists = new ArrayList<>();
        Set<String> toEmbed = new java.util.LinkedHashSet<>();
        for (Map<String, Candidate> candidates : perChapter) {
            boolean repeated =
                    candidates.values().stream().filter(c -> c.count > 1).count() >= MIN_KEYWORDS;
            for (Candidate c : candidates.values()) {
                int df = chaptersSaying.get(c.key);
                c.statistic = (1 + Math.log(c.count)) * Math.log(1 + (chapters - df + 0.5) / (df + 0.5));
            }
            List<Candidate> ranked = candidates.values().stream()
                    .filter(c -> !repeated || c.count > 1)
                    .sorted(Comparator.comparingDouble((Candidate c) -> -c.statistic)
                            .thenComparing(c -> -c.count)
                            .thenComparing(c -> c.key))
                    .limit(CANDIDATES_PER_CHAPTER)
                    .toList();
            shortlists.add(ranked);
            ranked.stream().limit(MODEL_RANKED).forEach(c -> toEmbed.add(c.surface()));
        }
        List<String> phrases = List.copyOf(toEmbed);
        Map<String, float[]> vectors = new HashMap<>();
        if (!phrases.isEmpty()) {
            List<float[]> embedded = embed.apply(phrases);
            for (int i = 0; i < phrases.size(); i++) {
                vectors.put(phrases.get(i), embedded.get(i));
            }
        }

        List<Titled> titled = new ArrayList<>();
        Set<String> titles = new HashSet<>();
        for (int c = 0; c < sections.size(); c++) {
            List<Candidate> ranked = shortlists.get(c);
            List<Candidate> top = ranked.subList(0, Math.min(MODEL_RANKED, ranked.size()));
            float[] centroid = sections.get(c).centroid();
            Map<Candidate, Double> relevance = new HashMap<>();
            top.forEach(x -> relevance.put(x, cosine(vectors.get(x.surface()), centroid)));
            List<Candidate> byModel = new ArrayList<>(top);
            byModel.sort(Comparator.comparingDouble((Candidate x) -> -relevance.get(x))
                    .thenComparing(x -> x.key));
            Map<Candidate, Double> fused = new HashMap<>();
            for (int r = 0; r < top.size(); r++) {
                fused.merge(top.get(r), 1.0 / (RRF_K + r + 1), Double::sum);
                fused.merge(byModel.get(r), 1.0 / (RRF_K + r + 1), Double::sum);
            }
            // The model's shortlist in fused order, then the rest of the statistics' shortlist in its order.
            List<Candidate> order = new ArrayList<>(top);
            order.sort(
                    Comparator.comparingDouble((Candidate x) -> -fused.get(x)).thenComparing(x -> x.key));
            order.addAll(ranked.subList(top.size(), ranked.size()));
            List<Candidate> chosen = new ArrayList<>();
            for (Candidate candidate : order) {
                if (chosen.size() == MAX_KEYWORDS) {
                    break;
                }
                if (chosen.stream()
                        .noneMatch(taken -> overlaps(taken, candidate)
                                || cosine(vectors.get(taken.surface()), vectors.get(candidate.surface()))
                                        > SAME_MEANING)) {
                    chosen.add(candidate);
                }
            }
            List<String> keywords = chosen.stream().map(Candidate::surface).toList();
            String title = title(keywords, sections.get(c).text(), titles);
            titles.add(title.toLowerCase(Locale.ROOT));
            titled.add(new Titled(title, keywords));
        }
        return titled;
    }

    /** The best phrase, with the next one when both fit; never a title used before in the lecture. */
    static String title(List<String> keywords, String text, Set<String> used) {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < keywords.size(); i++) {
            for (int j = i + 1; j < keywords.size(); j++) {
                options.add(capitalise(keywords.get(i)) + " and " + keywords.get(j));
            }
            options.add(capitalise(keywords.get(i)));
        }
        for (String option : options) {
            if (option.length() <= Chapter.MAX_COMPUTED_TITLE_LENGTH
                    && !used.contains(option.toLowerCase(Locale.ROOT))) {
                return option;
            }
        }
        String base = keywords.isEmpty() ? opening(text) : capitalise(keywords.get(0));
        for (int n = 2; ; n++) {
            String suffix = " (" + n + ")";
            String option = cut(base, Chapter.MAX_COMPUTED_TITLE_LENGTH - suffix.length()) + suffix;
            if (!used.contains(base.toLowerCase(Locale.ROOT)) && n == 2) {
                option = cut(base, Chapter.MAX_COMPUTED_TITLE_LENGTH);
            }
            if (!used.contains(option.toLowerCase(Locale.ROOT))) {
                return option;
            }
        }
    }

    private static String opening(String text) {
        String opening = text.strip();
        return opening.isEmpty() ? "Untitled" : capitalise(opening);
    }

    private static String cut(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int space = text.lastIndexOf(' ', length - 1);
        return (space > length / 2 ? text.substring(0, space) : text.substring(0, length - 1)) + "…";
    }

    static String capitalise(String phrase) {
        return phrase.isEmpty() ? phrase : Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    /** Whether two phrases share a word, counting words of one root ("multimodal", "multimodality") as one. */
    private static boolean overlaps(Candidate a, Candidate b) {
        for (String x : a.words) {
            for (String y : b.words) {
                if (x.equals(y) || sharedPrefix(x, y) >= Math.max(4, Math.min(x.length(), y.length()) - 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int sharedPrefix(String x, String y) {
        int n = 0;
        while (n < x.length() && n < y.length() && x.charAt(n) == y.charAt(n)) {
            n++;
        }
        return n;
    }

    /** Adds the text's candidate phrases to {@code into}; returns the number of words read. */
    static long candidates(String text, Map<String, Candidate> into) {
        Matcher matcher = TOKEN.matcher(text);
        List<String> run = new ArrayList<>();
        long words = 0;
        while (matcher.find()) {
            String word = matcher.group(1);
            if (word == null) {
                addRun(run, into);
                run.clear();
                continue;
            }
            words++;
            if (isBreak(word)) {
                addRun(run, into);
                run.clear();
            } else {
                run.add(word);
            }
        }
        addRun(run, into);
        return words;
    }

    private static boolean isBreak(String word) {
        if (word.length() < 2 || STOP.contains(word)) { // CharArraySet built ignoring case
            return true;
        }
        if (word.indexOf('\'') >= 0 || word.indexOf('’') >= 0) {
            return true;
        }
        return word.chars().noneMatch(Character::isLetter);
    }

    private static void addRun(List<String> run, Map<String, Candidate> into) {
        List<String> runStems = run.stream().map(KeyPhrases::stem).toList();
        for (int start = 0; start < run.size(); start++) {
            for (int length = 1; length <= MAX_PHRASE_WORDS && start + length <= run.size(); length++) {
                List<String> words = run.subList(start, start + length);
                List<String> stems = runStems.subList(start, start + length);
                String key = String.join(" ", stems);
                into.computeIfAbsent(key, k -> new Candidate(k, Set.copyOf(stems)))
                        .add(String.join(" ", words));
            }
        }
    }

    private static String stem(String word) {
        char[] chars = word.toLowerCase(Locale.ROOT).toCharArray();
        int length = new EnglishMinimalStemmer().stem(chars, chars.length);
        return new String(chars, 0, length);
    }

    private static double cosine(float[] a, float[] b) {
        if (a == null || b == null) {
            return 0;
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** One phrase of a chapter: how often it is said, and in which spellings. */
    static final class Candidate {
        final String key;
        final Set<String> words;
        final Map<String, Integer> surfaces = new HashMap<>();
        int count;
        double statistic;

        Candidate(String key, Set<String> words) {
            this.key = key;
            this.words = words;
        }

        void add(String surface) {
            count++;
            surfaces.merge(surface, 1, Integer::sum);
        }

        /** The spelling used most; lower case where that ties, as headings capitalise only their first word. */
        String surface() {
            return surfaces.entrySet().stream()
                    .max(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue())
                            .thenComparing(e -> e.getKey().equals(e.getKey().toLowerCase(Locale.ROOT)))
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow()
                    .getKey();
        }
    }
}
