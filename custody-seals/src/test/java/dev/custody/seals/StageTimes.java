package dev.custody.seals;

import dev.custody.seals.photo.Photo;
import dev.custody.seals.photo.PhotoInBackground;
import dev.custody.seals.photo.PhotoReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a comparison's time goes, in-process, as the CLI runs it: both photos decoded at once,
 * then each stage. Run it in a fresh JVM with the photo flags of bin/common.sh, as the first
 * comparison is the one that counts. {@code StageTimes REF NEW [x,y,w,h]}.
 */
public final class StageTimes {
    private StageTimes() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        PhotoInBackground later = PhotoInBackground.read(Path.of(args[1]));
        Photo reference = PhotoReader.read(Path.of(args[0]));
        Photo photo = later.get();
        System.out.printf("decoding %d ms%n", (System.nanoTime() - start) / 1_000_000);
        Optional<Region> roi = args.length > 2 ? Optional.of(Region.parse(args[2])) : Optional.empty();
        Comparison c = SealComparator.compare(reference.image(), roi, photo.image(),
                stage -> System.out.printf("%s %d ms%n", stage.stage(), stage.took().toMillis()));
        System.out.printf("total %d ms, %s %.4f%n", (System.nanoTime() - start) / 1_000_000, c.verdict(), c.score());
    }
}
