package dev.lectern.migrate;

import dev.lectern.config.LecternConfig;
import dev.lectern.config.LecternConfig.StoreKind;
import dev.lectern.store.PassageStore;
import dev.lectern.store.config.Stores;
import dev.lectern.store.qdrant.QdrantConfig;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrate}: copies every lecture, with its transcript, passages and vectors, from one store to the other
 * ({@code --to qdrant}: embedded index to Qdrant; {@code --to embedded}: back), without embedding anything again.
 * Both stores are configured as for the service ({@code lectern.data-dir}, {@code lectern.qdrant.*}).
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description =
                "Copy every lecture between the embedded store and Qdrant, vectors included (see docs/qdrant.md).")
public final class MigrateCommand implements Callable<Integer> {

    @Option(
            names = "--to",
            required = true,
            paramLabel = "STORE",
            description = "Where to copy to: qdrant (from the embedded store) or embedded (from Qdrant).")
    String to;

    /** The command, handed to the application Quarkus runs below (same thread, same JVM). */
    private static MigrateCommand current;

    @Override
    public Integer call() {
        StoreKind target;
        try {
            target = StoreKind.valueOf(to.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("--to must be qdrant or embedded, was '" + to + "'");
            return 2;
        }
        StoreKind source = target == StoreKind.QDRANT ? StoreKind.EMBEDDED : StoreKind.QDRANT;
        // The service starts on the source store, untouched: no seeding, no re-embedding, on a free port.
        System.setProperty("lectern.store", source.name().toLowerCase(Locale.ROOT));
        System.setProperty("lectern.corpus.seed-on-empty-store", "false");
        System.setProperty("lectern.embedding.on-recipe-change", "fail");
        System.setProperty("quarkus.http.port", "0");
        System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
        current = this;
        int[] exit = {0};
        Quarkus.run(Application.class, (code, failure) -> {
            if (failure != null) {
                System.err.println("Migration failed: " + failure.getMessage());
                exit[0] = 1;
            } else {
                exit[0] = code;
            }
        });
        return exit[0];
    }

    /** Runs the copy inside the started service. */
    public static final class Application implements QuarkusApplication {
        @Override
        public int run(String... args) {
            StoreKind target = StoreKind.valueOf(current.to.strip().toUpperCase(Locale.ROOT));
            PassageStore source = Arc.container().instance(PassageStore.class).get();
            LecternConfig config = Arc.container().instance(LecternConfig.class).get();
            QdrantConfig qdrant = Arc.container().instance(QdrantConfig.class).get();
            try (PassageStore destination = Stores.open(target, config, qdrant)) {
                return new StoreCopy(System.out).copy(source, destination);
            }
        }
    }

    /** The copy itself, apart from Quarkus so that tests run it on two stores directly. */
    public static final class StoreCopy {

        private final PrintStream out;

        public StoreCopy(PrintStream out) {
            this.out = out;
        }

        /**
         * Copies every lecture of {@code source} into {@code target}, replacing lectures of the same id there.
         *
         * @return 0 when every lecture was copied, 1 when the stores' recipes differ
         */
        public int copy(PassageStore source, PassageStore target) {
            var recipe = source.recipe();
            if (recipe.isEmpty()) {
                out.println("The source store is empty: nothing to copy.");
                return 0;
            }
            var targetRecipe = target.recipe();
            if (targetRecipe.isPresent() && !targetRecipe.get().equals(recipe.get())) {
                out.println(
                        "The target store was built with " + targetRecipe.get().describe()
                                + " but the source with " + recipe.get().describe()
                                + "; vectors of different recipes cannot be mixed. Use an empty target.");
                return 1;
            }
            int lectures = 0;
            int passages = 0;
            for (var lecture : source.lectures()) {
                var lectureSource = source.transcript(lecture.id()).orElse(null);
                if (lectureSource == null) {
                    continue; // deleted while copying
                }
                var embedded = source.passages(lecture.id());
                target.replaceLecture(recipe.get(), lectureSource, embedded);
                lectures++;
                passages += embedded.size();
                out.printf(Locale.ROOT, "Copied %s (%d passages)%n", lecture.id(), embedded.size());
            }
            out.printf(
                    Locale.ROOT,
                    "Copied %d lectures, %d passages, made with %s; the target now holds %d lectures.%n",
                    lectures,
                    passages,
                    recipe.get().describe(),
                    target.lectures().size());
            return 0;
        }
    }
}
