package dev.lectern.store.lucene;

import dev.lectern.chapter.Outline;
import dev.lectern.lecture.Lecture;
import dev.lectern.store.FieldNames;
import dev.lectern.store.OutlineJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * The stored lectures and their chapters as of one index reader, read once per committed state. Every search
 * names the lectures of its hits, and a lecture's document also holds its whole transcript, so reading it per
 * search cost more than the search.
 */
final class LectureCatalogue {

    private volatile LectureSnapshot lectureSnapshot;

    private record LectureSnapshot(
            IndexReader.CacheKey reader, Map<String, Lecture> byId, Map<String, Outline> outlines) {}

    /** The lectures {@code searcher} sees, by id in id order: read once per committed state. */
    Map<String, Lecture> lecturesById(IndexSearcher searcher) throws IOException {
        return snapshot(searcher).byId();
    }

    /** The chapters of the lectures {@code searcher} sees that have them, by lecture id. */
    Map<String, Outline> outlines(IndexSearcher searcher) throws IOException {
        return snapshot(searcher).outlines();
    }

    /** The lectures and chapters {@code searcher} sees: read once per committed state. */
    private LectureSnapshot snapshot(IndexSearcher searcher) throws IOException {
        IndexReader.CacheKey reader =
                searcher.getIndexReader().getReaderCacheHelper().getKey();
        LectureSnapshot snapshot = lectureSnapshot;
        if (snapshot == null || snapshot.reader() != reader) {
            Map<String, Lecture> byId = new TreeMap<>();
            Map<String, Outline> outlines = new HashMap<>();
            for (Document document : all(
                    searcher,
                    LuceneDocuments.kindQuery(FieldNames.KIND_LECTURE, null),
                    LuceneDocuments.LECTURE_FIELDS)) {
                Lecture lecture = LuceneDocuments.toLecture(document);
                byId.put(lecture.id(), lecture);
                Outline outline = OutlineJson.read(document.get(FieldNames.CHAPTERS));
                if (outline != null) {
                    outlines.put(lecture.id(), outline);
                }
            }
            snapshot = new LectureSnapshot(
                    reader, Collections.unmodifiableMap(byId), Collections.unmodifiableMap(outlines));
            // Racing readers of different states may overwrite each other; each checks the key before use.
            lectureSnapshot = snapshot;
        }
        return snapshot;
    }

    private static List<Document> all(IndexSearcher searcher, Query query, Set<String> fields) throws IOException {
        ScoreDoc[] matches = LuceneDocuments.every(searcher, query);
        StoredFields stored = searcher.storedFields();
        List<Document> documents = new ArrayList<>(matches.length);
        for (ScoreDoc scoreDoc : matches) {
            documents.add(fields == null ? stored.document(scoreDoc.doc) : stored.document(scoreDoc.doc, fields));
        }
        return documents;
    }
}
