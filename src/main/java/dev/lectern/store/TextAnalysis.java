package dev.lectern.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.phonetic.DoubleMetaphoneFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.IOUtils;

/**
 * How passage text becomes keyword terms, shared by every store so that keyword search behaves the same on
 * each. Two views of the text:
 *
 * <ul>
 *   <li><b>words</b>: English stemming and stop words, so "training" matches "trained";
 *   <li><b>sounds</b>: Double Metaphone codes, so speech recognised wrongly still matches how it sounds
 *       ("Xero" and "ZeRO" both code as {@code SR}). Sounds are weighed less than words: they also match words
 *       that merely sound alike.
 * </ul>
 */
public final class TextAnalysis {

    /** Weight of a sound match relative to a word match. */
    public static final float SOUND_WEIGHT = 0.5f;

    /** Double Metaphone codes this long separate most words while still forgiving recognition errors. */
    private static final int SOUND_CODE_LENGTH = 4;

    /**
     * Snowball's English stop words (174), not Lucene's default 33: questions are full of "what", "how", "does",
     * and speech of "so", "very", "just"; left in, they outweigh the one word that matters.
     */
    private static final CharArraySet STOP_WORDS = loadStopWords();

    private static final List<String> STOP_WORD_LIST =
            STOP_WORDS.stream().map(word -> new String((char[]) word)).sorted().toList();

    private TextAnalysis() {}

    /** The stop words the keyword leg leaves out, sorted (the web page leaves them out of what it emphasises). */
    public static List<String> stopWords() {
        return STOP_WORD_LIST;
    }

    private static CharArraySet loadStopWords() {
        try (Reader reader =
                IOUtils.getDecodingReader(SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8)) {
            return CharArraySet.unmodifiableSet(WordlistLoader.getSnowballWordSet(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lucene's English stop words", e);
        }
    }

    /** Stemmed English words. */
    public static Analyzer words() {
        return new EnglishAnalyzer(STOP_WORDS);
    }

    /** Double Metaphone codes of the words that are not stop words. */
    public static Analyzer sounds() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(tokenizer);
                stream = new StopFilter(stream, STOP_WORDS);
                stream = new DoubleMetaphoneFilter(stream, SOUND_CODE_LENGTH, false);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /** The terms {@code analyzer} makes of {@code text}, in order, repeats kept. */
    public static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
