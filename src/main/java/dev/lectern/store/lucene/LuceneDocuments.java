package dev.lectern.store.lucene;

import static dev.lectern.store.FieldNames.CHAPTERS;
import static dev.lectern.store.FieldNames.DURATION_SECONDS;
import static dev.lectern.store.FieldNames.END_MILLIS;
import static dev.lectern.store.FieldNames.INGESTED_AT;
import static dev.lectern.store.FieldNames.KIND;
import static dev.lectern.store.FieldNames.KIND_LECTURE;
import static dev.lectern.store.FieldNames.KIND_PASSAGE;
import static dev.lectern.store.FieldNames.LECTURE_ID;
import static dev.lectern.store.FieldNames.ORDINAL;
import static dev.lectern.store.FieldNames.PASSAGES;
import static dev.lectern.store.FieldNames.SEGMENTS;
import static dev.lectern.store.FieldNames.SOURCE_URL;
import static dev.lectern.store.FieldNames.START_MILLIS;
import static dev.lectern.store.FieldNames.TITLE;

import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.passage.Passage;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.FieldNames;
import dev.lectern.store.OutlineJson;
import dev.lectern.store.SegmentsJson;
import dev.lectern.store.TextAnalysis;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Converts lectures and passages to Lucene documents and back. One index holds two kinds of documents, told
 * apart by {@link FieldNames#KIND}: one {@code lecture} document per lecture, and one {@code passage} document per
 * passage. Both carry {@link FieldNames#LECTURE_ID}, so one term replaces or deletes a whole lecture. The stored
 * fields have the names of {@link FieldNames}; the indexed text and the vector are this adapter's own.
 */
final class LuceneDocuments {

    static final String VECTOR = "vector";
    static final String TEXT = "text";
    static final String TEXT_SOUNDS = "text_sounds";

    /** The stored fields {@link #toLecture} reads: everything of a lecture's document but its transcript. */
    static final Set<String> LECTURE_FIELDS =
            Set.of(LECTURE_ID, TITLE, SOURCE_URL, PASSAGES, DURATION_SECONDS, INGESTED_AT, CHAPTERS);

    private LuceneDocuments() {}

    /** The term that selects every document of a lecture: its lecture document and all its passages. */
    static Term lectureTerm(String lectureId) {
        return new Term(LECTURE_ID, lectureId);
    }

    /** Documents of one kind, optionally of one lecture only. */
    static Query kindQuery(String kind, String lectureId) {
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(new TermQuery(new Term(KIND, kind)), Occur.FILTER);
        if (lectureId != null) {
            query.add(new TermQuery(lectureTerm(lectureId)), Occur.FILTER);
        }
        return query.build();
    }

    /** Every document {@code query} finds, whatever their number. */
    static ScoreDoc[] every(IndexSearcher searcher, Query query) throws IOException {
        int count = searcher.count(query);
        return count == 0 ? new ScoreDoc[0] : searcher.search(query, count).scoreDocs;
    }

    /**
     * The lecture document followed by one document per passage, as one block for
     * {@code IndexWriter.updateDocuments}. Passage documents are made while Lucene consumes the block, so a bad
     * passage anywhere in the list fails the whole block inside the writer, which then drops all of it.
     *
     * <p>The stored passage count is the number of passages actually stored, so it can never disagree with
     * the index.
     */
    static Iterable<Iterable<IndexableField>> lectureBlock(
            LectureSource source, List<EmbeddedPassage> passages, int dimension) {
        String lectureId = source.lecture().id();
        Document lecture = lectureDocument(source, passages.size());
        return () -> new Iterator<>() {
            private int next = -1;

            @Override
            public boolean hasNext() {
                return next < passages.size();
            }

            @Override
            public Iterable<IndexableField> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Document document = next < 0 ? lecture : passageDocument(lectureId, passages.get(next), dimension);
                next++;
                return document;
            }
        };
    }

    static Document lectureDocument(LectureSource source, int passageCount) {
        Lecture lecture = source.lecture();
        Document document = new Document();
        document.add(new StringField(KIND, KIND_LECTURE, Field.Store.NO));
        document.add(new StringField(LECTURE_ID, lecture.id(), Field.Store.YES));
        document.add(new StoredField(TITLE, lecture.title()));
        if (lecture.sourceUrl() != null) {
            document.add(new StoredField(SOURCE_URL, lecture.sourceUrl()));
        }
        document.add(new StoredField(PASSAGES, passageCount));
        document.add(new StoredField(DURATION_SECONDS, lecture.durationSeconds()));
        // Millisecond precision is plenty for "when was this indexed".
        document.add(new StoredField(INGESTED_AT, lecture.ingestedAt().toEpochMilli()));
        document.add(new StoredField(SEGMENTS, SegmentsJson.write(source.segments())));
        if (source.outline() != null) {
            document.add(new StoredField(CHAPTERS, OutlineJson.write(source.outline())));
        }
        return document;
    }

    static Document passageDocument(String lectureId, EmbeddedPassage embedded, int dimension) {
        Passage passage = embedded.passage();
        if (embedded.vector().length != dimension) {
            throw new IllegalArgumentException("passage " + passage.ordinal() + " of lecture '" + lectureId + "' has a "
                    + embedded.vector().length + "-dimensional vector, but the index recipe expects " + dimension
                    + " dimensions");
        }
        Document document = new Document();
        document.add(new StringField(KIND, KIND_PASSAGE, Field.Store.NO));
        document.add(new StringField(LECTURE_ID, lectureId, Field.Store.YES));
        document.add(new StoredField(ORDINAL, passage.ordinal()));
        document.add(new StoredField(SEGMENTS, SegmentsJson.write(passage.segments())));
        // Vectors arrive L2-normalised; COSINE keeps scores meaningful even if one does not.
        document.add(new KnnFloatVectorField(VECTOR, embedded.vector(), VectorSimilarityFunction.COSINE));
        // Indexed for BM25 but not stored: the text is rebuilt from the stored segments.
        document.add(new TextField(TEXT, passage.text(), Field.Store.NO));
        document.add(new TextField(TEXT_SOUNDS, passage.text(), Field.Store.NO));
        document.add(new LongPoint(START_MILLIS, passage.startMillis()));
        document.add(new StoredField(START_MILLIS, passage.startMillis()));
        document.add(new LongPoint(END_MILLIS, passage.endMillis()));
        document.add(new StoredField(END_MILLIS, passage.endMillis()));
        return document;
    }

    /** Stemmed words for {@link #TEXT}, sound codes for {@link #TEXT_SOUNDS}. */
    static Analyzer analyzer() {
        return new PerFieldAnalyzerWrapper(TextAnalysis.words(), Map.of(TEXT_SOUNDS, TextAnalysis.sounds()));
    }

    static Lecture toLecture(Document document) {
        return new Lecture(
                document.get(LECTURE_ID),
                document.get(TITLE),
                document.get(SOURCE_URL),
                document.getField(PASSAGES).numericValue().intValue(),
                document.getField(DURATION_SECONDS).numericValue().doubleValue(),
                Instant.ofEpochMilli(
                        document.getField(INGESTED_AT).numericValue().longValue()));
    }

    static LectureSource toSource(Document document) {
        return new LectureSource(
                toLecture(document),
                SegmentsJson.read(document.get(SEGMENTS)),
                OutlineJson.read(document.get(CHAPTERS)));
    }

    static Passage toPassage(Document document) {
        return new Passage(
                document.getField(ORDINAL).numericValue().intValue(), SegmentsJson.read(document.get(SEGMENTS)));
    }
}
