package dev.custody.seals.photo;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A photo decoded on the other core while this one reads the reference: decoding a
 * 12-megapixel JPEG is a large share of a comparison's time (docs/benchmarks.md).
 */
public final class PhotoInBackground {
    private final CompletableFuture<Photo> photo;

    private PhotoInBackground(Path file) {
        this.photo = CompletableFuture.supplyAsync(() -> PhotoReader.read(file));
    }

    public static PhotoInBackground read(Path file) {
        return new PhotoInBackground(file);
    }

    /** The photo, or the reader's own exception (a bad file is still one clear line). */
    public Photo get() {
        try {
            return photo.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
