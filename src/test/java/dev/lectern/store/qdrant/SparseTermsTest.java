package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.store.TextAnalysis;
import org.junit.jupiter.api.Test;

/** BM25 term weights as sparse vectors, computed with the embedded store's analysis. */
class SparseTermsTest {

    private final SparseTerms terms = new SparseTerms();

    @Test
    void stemmedWordsMatch() {
        SparseTerms.Sparse passage = terms.document("we trained the network on images", 40);
        assertTrue(terms.query("training").dot(passage) > 0, "'training' and 'trained' share a stem");
        assertEquals(0.0, terms.query("cat").dot(passage));
    }

    @Test
    void soundsMatchAtLowerWeight() {
        SparseTerms.Sparse passage = terms.document("the paper called Xero", 40);
        SparseTerms.Sparse query = terms.query("ZeRO");
        double overlap = query.dot(passage);
        assertTrue(overlap > 0, "ZeRO sounds like Xero");
        // Only the sound code matches, at SOUND_WEIGHT; the word itself differs.
        double soundWeight = passage.values()[indexOf(passage, SparseTerms.termId("s:SR"))];
        assertEquals(TextAnalysis.SOUND_WEIGHT * soundWeight, overlap, 1e-6);
    }

    @Test
    void queryWeighsEachDistinctTermOnce() {
        SparseTerms.Sparse query = terms.query("decay decay decay");
        // The stemmer makes "decay" into "decai".
        String stem = TextAnalysis.terms(TextAnalysis.words(), "decay").get(0);
        int word = indexOf(query, SparseTerms.termId("w:" + stem));
        assertEquals(1f, query.values()[word]);
        for (int i = 0; i < query.indices().length; i++) {
            if (i != word) {
                assertEquals(TextAnalysis.SOUND_WEIGHT, query.values()[i]);
            }
        }
    }

    @Test
    void termFrequencySaturatesAndLengthNormalises() {
        double once = weight(terms.document("gradient", 1), "w:gradient");
        double often = weight(terms.document("gradient gradient gradient gradient gradient gradient", 6), "w:gradient");
        assertTrue(often > once, "more occurrences weigh more");
        assertTrue(often < SparseTerms.K1 + 1, "but never more than k1 + 1");
        // tf = 1 in a passage of exactly average length: (k1 + 1) / (1 + k1) = 1.
        assertEquals(1.0, once, 1e-6);
        double inLongPassage =
                weight(terms.document("gradient memory offload optimizer states shards", 3), "w:gradient");
        assertTrue(inLongPassage < once, "a passage longer than average weighs each occurrence less");
    }

    @Test
    void idsAreStableAndSorted() {
        // Pinned: changing the hash would need every collection rebuilt.
        assertEquals(SparseTerms.termId("w:decay"), SparseTerms.termId("w:decay"));
        assertTrue(SparseTerms.termId("w:decay") != SparseTerms.termId("s:decay"));
        assertEquals(0x011C9DC5, SparseTerms.termId(""), "FNV-1a offset basis, top bit cleared");
        SparseTerms.Sparse passage = terms.document("alpha beta gamma delta epsilon", 40);
        for (int i = 1; i < passage.indices().length; i++) {
            assertTrue(passage.indices()[i - 1] < passage.indices()[i], "ascending and distinct");
            assertTrue(passage.indices()[i] >= 0);
        }
    }

    @Test
    void averageLengthFollowsPassageSize() {
        assertEquals(44.0, SparseTerms.averageLength(88));
        assertEquals(8.0, SparseTerms.averageLength(4));
    }

    private static double weight(SparseTerms.Sparse sparse, String term) {
        return sparse.values()[indexOf(sparse, SparseTerms.termId(term))];
    }

    private static int indexOf(SparseTerms.Sparse sparse, int id) {
        for (int i = 0; i < sparse.indices().length; i++) {
            if (sparse.indices()[i] == id) {
                return i;
            }
        }
        throw new AssertionError("no term " + id);
    }
}
