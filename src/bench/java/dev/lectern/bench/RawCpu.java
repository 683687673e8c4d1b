package dev.lectern.bench;

import dev.lectern.embedding.BuiltInModel;
import dev.lectern.embedding.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The bare model's CPU per question, measured the way {@code bench/cpu.sh} measures Lectern's CPU per request: the
 * same questions (bench/questions.txt, with the model's query prefix) embedded by raw ONNX Runtime ({@link RawOrt}:
 * tokenisation, inference, pooling, nothing else) one after another on {@code callers} threads, for a fixed time
 * after a warm-up, with every thread's CPU time read from {@code /proc/self/task/<tid>/schedstat} before and after.
 *
 * <pre>
 * java -cp target/bench/classes:$(cat target/bench/classpath.txt) dev.lectern.bench.RawCpu \
 *     callers=1 intra-op=2 spinning=true seconds=10 warmup-seconds=3 questions=bench/questions.txt
 * </pre>
 *
 * Prints one line: {@code RESULT questions=... model_cpu_ms=... process_cpu_ms=... p50_ms=... p99_ms=...}, where
 * {@code model_cpu_ms} is the CPU per question of the calling threads plus ONNX Runtime's own threads (the
 * model's work, nothing of this harness) and {@code process_cpu_ms} that of the whole JVM (JIT and GC included).
 */
public final class RawCpu {

    /** ONNX Runtime's pool threads inherit the name of the thread that creates the session. */
    private static final String SESSION_THREAD = "raw-onnx";

    private static final String CALLER_THREAD = "raw-caller-";

    private RawCpu() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "model", "all-minilm-l6-v2-q",
                "callers", "1",
                "intra-op", "1",
                "spinning", "true",
                "seconds", "10",
                "warmup-seconds", "3",
                "questions", "bench/questions.txt"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !options.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + options.keySet());
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        ModelSpec spec = BuiltInModel.byId(options.get("model")).orElseThrow().spec();
        int callers = Integer.parseInt(options.get("callers"));
        int intraOp = Integer.parseInt(options.get("intra-op"));
        boolean spinning = Boolean.parseBoolean(options.get("spinning"));
        long seconds = Long.parseLong(options.get("seconds"));
        long warmupSeconds = Long.parseLong(options.get("warmup-seconds"));
        List<String> questions;
        try (Stream<String> lines = Files.lines(Path.of(options.get("questions")))) {
            questions = lines.filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(q -> spec.queryPrefix() + q)
                    .toList();
        }

        AtomicReference<RawOrt> created = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread setup = new Thread(
                () -> {
                    try {
                        created.set(new RawOrt(spec, intraOp, spinning));
                    } catch (Exception e) {
                        failed.set(e);
                    }
                },
                SESSION_THREAD);
        setup.start();
        setup.join();
        if (failed.get() != null) {
            throw failed.get();
        }
        try (RawOrt raw = created.get()) {
            // The callers warm up, then stop at the barrier while every thread's CPU is read, run for the measured
            // time, and stop again (still alive, so their CPU can be read) before they end.
            CyclicBarrier barrier = new CyclicBarrier(callers + 1);
            List<long[]> latencies = new ArrayList<>();
            List<Thread> threads = start(raw, questions, callers, warmupSeconds, seconds, barrier, latencies);
            barrier.await(); // warmed up
            Map<Integer, Task> before = tasks();
            long processBefore = processCpuNanos();
            long started = System.nanoTime();
            barrier.await(); // measure
            barrier.await(); // measured
            long wall = System.nanoTime() - started;
            Map<Integer, Task> after = tasks();
            long processCpu = processCpuNanos() - processBefore;
            barrier.await(); // may end
            for (Thread thread : threads) {
                thread.join();
            }

            long callerCpu = 0;
            long onnxCpu = 0;
            for (Task task : after.values()) {
                Task old = before.get(task.tid);
                long used = task.cpuNanos - (old == null ? 0 : old.cpuNanos);
                if (task.name.startsWith(CALLER_THREAD)) {
                    callerCpu += used;
                } else if (task.name.equals(SESSION_THREAD)) {
                    onnxCpu += used;
                }
            }
            long[] all;
            synchronized (latencies) {
                all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            }
            int n = all.length;
            System.out.printf(
                    "RESULT questions=%d seconds=%.1f callers=%d intra_op=%d spinning=%s qps=%.1f model_cpu_ms=%.3f"
                            + " caller_cpu_ms=%.3f onnx_threads_cpu_ms=%.3f process_cpu_ms=%.3f p50_ms=%.3f"
                            + " p99_ms=%.3f%n",
                    n,
                    wall / 1e9,
                    callers,
                    intraOp,
                    spinning,
                    n / (wall / 1e9),
                    (callerCpu + onnxCpu) / 1e6 / n,
                    callerCpu / 1e6 / n,
                    onnxCpu / 1e6 / n,
                    processCpu / 1e6 / n,
                    all[n / 2] / 1e6,
                    all[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6);
        }
    }

    /**
     * Starts {@code callers} threads that embed questions in turn for {@code warmupSeconds}, meet at the barrier
     * twice, embed for {@code seconds} recording each latency (nanoseconds, into {@code latencies}), and meet at the
     * barrier twice more before they end.
     */
    private static List<Thread> start(
            RawOrt raw,
            List<String> questions,
            int callers,
            long warmupSeconds,
            long seconds,
            CyclicBarrier barrier,
            List<long[]> latencies) {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int first = c * 7; // as bench/search.lua: each connection starts at a different question
            long[] times = new long[1_000_000];
            int slot = latencies.size();
            latencies.add(null);
            Thread thread = new Thread(
                    () -> {
                        try {
                            int i = first;
                            long warm = System.nanoTime() + warmupSeconds * 1_000_000_000L;
                            while (System.nanoTime() < warm) {
                                raw.embed(questions.get(i++ % questions.size()));
                            }
                            barrier.await();
                            barrier.await();
                            int count = 0;
                            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
                            while (System.nanoTime() < deadline && count < times.length) {
                                long start = System.nanoTime();
                                raw.embed(questions.get(i++ % questions.size()));
                                times[count++] = System.nanoTime() - start;
                            }
                            synchronized (latencies) {
                                latencies.set(slot, Arrays.copyOf(times, count));
                            }
                            barrier.await();
                            barrier.await();
                        } catch (Exception e) {
                            e.printStackTrace();
                            System.exit(1);
                        }
                    },
                    CALLER_THREAD + c);
            threads.add(thread);
            thread.start();
        }
        return threads;
    }

    private record Task(int tid, String name, long cpuNanos) {}

    /** Every thread of this process: its id, name (comm) and CPU time so far (schedstat, nanoseconds). */
    private static Map<Integer, Task> tasks() throws IOException {
        Map<Integer, Task> tasks = new HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc/self/task"))) {
            for (Path dir : dirs.toList()) {
                try {
                    int tid = Integer.parseInt(dir.getFileName().toString());
                    String name = Files.readString(dir.resolve("comm")).strip();
                    long cpu = Long.parseLong(
                            Files.readString(dir.resolve("schedstat")).split(" ")[0]);
                    tasks.put(tid, new Task(tid, name, cpu));
                } catch (IOException | UncheckedIOException e) {
                    // the thread ended between listing and reading
                }
            }
        }
        return tasks;
    }

    /** CPU time of the whole process (all threads, ended ones included), from /proc/self/stat. */
    private static long processCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }
}
