package dev.custody.seals.compare;

import dev.custody.seals.StageTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Times consecutive stages of a comparison. */
final class Stopwatch {
    private final List<StageTime> stages = new ArrayList<>();
    private long last = System.nanoTime();

    void lap(String stage) {
        long now = System.nanoTime();
        stages.add(new StageTime(stage, Duration.ofNanos(now - last)));
        last = now;
    }

    List<StageTime> stages() {
        return List.copyOf(stages);
    }
}
