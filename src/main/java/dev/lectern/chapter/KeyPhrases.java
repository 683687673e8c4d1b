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
 *   <li>Candidates are runs of one to four words between stop words, fillers of speech ("yeah", "kind of"),
 *       punctuation and the words this lecture uses as verbs ({@link #verbs}), grouped by their singular
 *       lower-case form; fragments of a longer phrase said nearly as often give way to it.
 *   <li>Statistics: class-based TF-IDF (as BERTopic) ranks a chapter's candidates by how much more often the
 *       chapter says them than the lecture as a whole.
 *   <li>The model: the best few candidates by statistics are embedded and ranked by cosine to the chapter's mean
 *       passage vector (as KeyBERT), so phrases that carry the chapter's meaning rise over merely frequent ones.
 *   <li>The two rankings are fused by reciprocal rank, as search fuses its two legs; overlapping phrases ("image",
 *       "image generation") keep only the better one (a longer phrase said about as often wins).
 * </ol>
 *
 * The title leads with the best phrase of several words and adds the best other phrase or name as "Lead: phrase"
 * when both fit in {@value Chapter#MAX_COMPUTED_TITLE_LENGTH} characters; it differs from every earlier title of
 * the lecture.
 */
final class KeyPhrases {

    /** Candidates per chapter kept by statistics: enough for 8 keywords after overlaps are removed. */
    static final int CANDIDATES_PER_CHAPTER = 16;

    /**
     * The best candidates by statistics that the model ranks again. Embedding a phrase costs about a ninth of
     * embedding a passage (special tokens and padding included), so this is most of chaptering's cost: 3 per
     * chapter keep it to a few per cent of ingest (docs/chapters.md, ChapterBenchmark).
     */
    static final int MODEL_RANKED = 3;

    static final int MAX_KEYWORDS = 8;

    /** How far down the keywords a title looks for a phrase of several words to lead with. */
    static final int LEAD_REACH = 4;

    static final int MIN_KEYWORDS = 3;
    private static final int MAX_PHRASE_WORDS = 4;

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
        "easy",
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
        Set<String> verbs = verbs(sections.stream().map(Section::text).toList());
        List<Map<String, Candidate>> perChapter = new ArrayList<>();
        for (Section section : sections) {
            Map<String, Candidate> candidates = new LinkedHashMap<>();
            candidates(section.text(), verbs, candidates);
            dropFragments(candidates);
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
        Set<String> heads = new HashSet<>();
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
            // Maximal marginal relevance with a hard threshold: going down the ranking, a phrase is taken unless
            // it repeats one already taken, in its words or (where the model has read both) in meaning.
            List<Candidate> chosen = new ArrayList<>();
            for (Candidate candidate : order) {
                if (chosen.size() == MAX_KEYWORDS) {
                    break;
                }
                // A longer phrase holding a word taken alone, and said at least half as often, replaces it: "scaling
                // law" names the topic that "law" only hints at.
                int widened = -1;
                for (int t = 0; t < chosen.size(); t++) {
                    Candidate taken = chosen.get(t);
                    if (candidate.words.size() > taken.words.size()
                            && candidate.words.containsAll(taken.words)
                            && 2 * candidate.count >= taken.count) {
                        widened = t;
                        break;
                    }
                }
                if (widened >= 0) {
                    Candidate replaced = chosen.set(widened, candidate);
                    List<Candidate> others = new ArrayList<>(chosen);
                    others.remove(widened);
                    if (others.stream().anyMatch(taken -> overlaps(taken, candidate))) {
                        chosen.set(widened, replaced);
                    }
                    continue;
                }
                if (chosen.stream()
                        .noneMatch(taken -> overlaps(taken, candidate)
                                || cosine(vectors.get(taken.surface()), vectors.get(candidate.surface()))
                                        > SAME_MEANING)) {
                    chosen.add(candidate);
                }
            }
            List<String> keywords = chosen.stream().map(Candidate::surface).toList();
            String title = title(chosen, sections.get(c).text(), titles, heads);
            titles.add(title.toLowerCase(Locale.ROOT));
            titled.add(new Titled(title, keywords));
        }
        return titled;
    }

    /**
     * A heading from the chapter's best phrases. The lead is the best phrase of several words among the first
     * {@value #LEAD_REACH} keywords (a bare word names a topic less well: "downstream task" over "loss"), else the
     * best keyword; it is followed, as "Lead: phrase", by the best other phrase of several words or name
     * ("Optimizer state: Xero"), or stands alone. A lead used by an earlier chapter is the last choice; never a
     * title used before in the lecture.
     */
    private static String title(List<Candidate> chosen, String text, Set<String> used, Set<String> usedHeads) {
        List<Candidate> leads = new ArrayList<>(chosen);
        for (int i = 0; i < Math.min(LEAD_REACH, leads.size()); i++) {
            if (leads.get(i).words.size() > 1) {
                leads.add(0, leads.remove(i));
                break;
            }
        }
        List<Candidate> ordered = new ArrayList<>();
        leads.stream().filter(l -> !usedHeads.contains(l.key)).forEach(ordered::add);
        leads.stream().filter(l -> usedHeads.contains(l.key)).forEach(ordered::add);
        for (Candidate lead : ordered) {
            List<String> options = new ArrayList<>();
            for (Candidate other : chosen) {
                if (other != lead && (other.words.size() > 1 || isName(other.surface()))) {
                    options.add(capitalise(lead.surface()) + ": " + other.surface());
                }
            }
            if (lead.words.size() == 1) {
                chosen.stream()
                        .filter(other -> other != lead)
                        .forEach(other -> options.add(capitalise(lead.surface()) + ": " + other.surface()));
            }
            options.add(capitalise(lead.surface()));
            for (String option : options) {
                if (option.length() <= Chapter.MAX_COMPUTED_TITLE_LENGTH
                        && !used.contains(option.toLowerCase(Locale.ROOT))) {
                    usedHeads.add(lead.key);
                    return option;
                }
            }
        }
        return title(chosen.stream().map(Candidate::surface).toList(), text, used);
    }

    /** A name or an acronym as the transcript writes it: a capital after the first letter, or a digit. */
    private static boolean isName(String surface) {
        return surface.substring(1).chars().anyMatch(ch -> Character.isUpperCase(ch) || Character.isDigit(ch))
                || (Character.isUpperCase(surface.charAt(0)));
    }

    /** The last resort: the best phrase, with the next one when both fit; never a title used before in the lecture. */
    static String title(List<String> keywords, String text, Set<String> used) {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < keywords.size(); i++) {
            for (int j = i + 1; j < keywords.size(); j++) {
                options.add(capitalise(keywords.get(i)) + ": " + keywords.get(j));
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

    /** Words after which a word is being used as a verb ("it tells", "we assign", "can reach"). */
    private static final Set<String> SUBJECTS = Set.of(
            "i", "we", "you", "they", "he", "she", "it", "can", "could", "will", "would", "should", "must", "might",
            "don't", "doesn't", "didn't", "can't", "won't", "cannot", "we'll", "i'll", "you'll");

    /** Words after which a word is being used as a noun or its modifier ("the loss", "our model"). */
    private static final Set<String> DETERMINERS = Set.of(
            "the", "a", "an", "this", "these", "those", "our", "their", "its", "his", "her", "my", "your", "each",
            "every", "any", "some", "no", "of");

    /**
     * Adjectives that may open a phrase ("large language model", "long context") but name nothing alone and
     * never end a phrase.
     */
    private static final Set<String> MODIFIERS =
            Set.of("large", "small", "long", "high", "low", "big", "real", "simple", "hard", "open");

    /** Words in -ly that are nouns, not adverbs. */
    private static final Set<String> NOUNS_IN_LY = Set.of("family", "assembly", "anomaly", "supply", "reply", "italy");

    /** A phrase contained in a longer one said at least this share as often is a fragment of it. */
    private static final double FRAGMENT_SHARE = 0.7;

    /**
     * The lecture's words that its speaker uses as verbs, learnt from the transcript itself with no tagger: a
     * word said after a subject or a modal ("it tells", "we can reach") more often than after a determiner ("the
     * loss") is a verb, so it breaks phrases. Words with capitals or digits are names and never verbs; words in
     * -ing name activities ("scaling law", "pre-training") and are kept.
     */
    static Set<String> verbs(List<String> texts) {
        Map<String, int[]> contexts = new HashMap<>();
        for (String text : texts) {
            Matcher matcher = TOKEN.matcher(text);
            String previous = null;
            while (matcher.find()) {
                String word = matcher.group(1);
                if (word == null) {
                    previous = null;
                    continue;
                }
                String lower = word.toLowerCase(Locale.ROOT).replace('’', '\'');
                if (previous != null && word.equals(lower) && !lower.endsWith("ing")) {
                    int[] counts = contexts.computeIfAbsent(lower, w -> new int[2]);
                    if (SUBJECTS.contains(previous)) {
                        counts[0]++;
                    } else if (DETERMINERS.contains(previous)) {
                        counts[1]++;
                    }
                }
                previous = lower;
            }
        }
        Set<String> verbs = new HashSet<>();
        contexts.forEach((word, counts) -> {
            if (counts[0] > counts[1]) {
                verbs.add(word);
            }
        });
        return verbs;
    }

    /** Adds the text's candidate phrases to {@code into}; returns the number of words read. */
    static long candidates(String text, Map<String, Candidate> into) {
        return candidates(text, Set.of(), into);
    }

    /** Adds the text's candidate phrases to {@code into}, with the given words as verbs. */
    static long candidates(String text, Set<String> verbs, Map<String, Candidate> into) {
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
            if (isBreak(word, verbs)) {
                addRun(run, into);
                run.clear();
            } else {
                run.add(word);
            }
        }
        addRun(run, into);
        return words;
    }

    private static boolean isBreak(String word, Set<String> verbs) {
        if (word.length() < 2 || STOP.contains(word)) { // CharArraySet built ignoring case
            return true;
        }
        if (word.indexOf('\'') >= 0 || word.indexOf('’') >= 0) {
            return true;
        }
        if (verbs.contains(word)) { // lower case only: names are never verbs
            return true;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.length() > 4 && lower.endsWith("ly") && !NOUNS_IN_LY.contains(lower)) {
            return true; // an adverb ("nearly", "fully")
        }
        return word.chars().noneMatch(Character::isLetter);
    }

    /**
     * Whether a phrase can head a section: it does not end in a modifier ("large"), a past participle
     * ("published") or a gerund said alone after a modifier, and a single word is not a modifier.
     */
    private static boolean canEndPhrase(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (MODIFIERS.contains(lower)) {
            return false;
        }
        return !(lower.length() > 5 && lower.endsWith("ed") && !lower.endsWith("eed") && word.equals(lower));
    }

    private static void addRun(List<String> run, Map<String, Candidate> into) {
        List<String> runStems = run.stream().map(KeyPhrases::stem).toList();
        for (int start = 0; start < run.size(); start++) {
            for (int length = 1; length <= MAX_PHRASE_WORDS && start + length <= run.size(); length++) {
                List<String> words = run.subList(start, start + length);
                if (!canEndPhrase(words.get(length - 1))) {
                    continue;
                }
                List<String> stems = runStems.subList(start, start + length);
                String key = String.join(" ", stems);
                into.computeIfAbsent(key, k -> new Candidate(k, stems)).add(String.join(" ", words));
            }
        }
    }

    /**
     * Drops fragments of longer phrases: "graph neural" where the chapter says "graph neural network" nearly
     * every time, so the whole phrase competes instead of its pieces.
     */
    private static void dropFragments(Map<String, Candidate> candidates) {
        Set<String> fragments = new HashSet<>();
        for (Candidate longer : candidates.values()) {
            int n = longer.stems.size();
            if (n < 2) {
                continue;
            }
            for (List<String> part : List.of(longer.stems.subList(0, n - 1), longer.stems.subList(1, n))) {
                Candidate shorter = candidates.get(String.join(" ", part));
                if (shorter != null && longer.count >= FRAGMENT_SHARE * shorter.count) {
                    fragments.add(shorter.key);
                }
            }
        }
        candidates.keySet().removeAll(fragments);
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
        final List<String> stems;
        final Set<String> words;
        final Map<String, Integer> surfaces = new HashMap<>();
        int count;
        double statistic;

        Candidate(String key, List<String> stems) {
            this.key = key;
            this.stems = List.copyOf(stems);
            this.words = Set.copyOf(stems);
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
