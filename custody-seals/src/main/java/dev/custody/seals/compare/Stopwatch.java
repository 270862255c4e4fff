package dev.custody.seals.compare;

import dev.custody.seals.StageTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Times consecutive stages of a comparison. */
final class Stopwatch {
    private final List<StageTime> stages = new ArrayList<>();
    private final Consumer<StageTime> progress;
    private long last = System.nanoTime();

    Stopwatch(Consumer<StageTime> progress) {
        this.progress = progress;
    }

    void lap(String stage) {
        long now = System.nanoTime();
        StageTime done = new StageTime(stage, Duration.ofNanos(now - last));
        stages.add(done);
        last = now;
        progress.accept(done);
    }

    List<StageTime> stages() {
        return List.copyOf(stages);
    }
}
