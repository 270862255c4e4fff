package dev.custody.cli.seals;

import dev.custody.seals.Comparison;
import dev.custody.seals.photo.Photo;
import dev.custody.seals.photo.PhotoInBackground;
import dev.custody.seals.store.ReferenceRefusedException;
import dev.custody.seals.store.ReferenceTrust;
import dev.custody.seals.store.SealCheck;
import dev.custody.seals.store.SealStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compare PHOTO with the enrolled reference of seal NAME, once its signature checks out.",
            "The signature must be by a key you trust: --keyring FILE, the lab's firmware keyring (--machine),",
            "or else one of your own GnuPG keys.",
            "Exit status: 0 intact, 3 tampered, 4 cannot verify, 5 the stored reference was refused",
            "(bad or missing signature, changed photo), 1 bad input."})
final class CheckCommand implements Callable<Integer> {
    static final int REFERENCE_REFUSED = 5;
    private static final String READING = "the photos";

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The seal, as enrolled.") String name;

    @Parameters(paramLabel = "PHOTO", description = "The new photo of the seal (JPEG or PNG).") Path photo;

    @Mixin StoreOptions storeOptions;

    @Mixin TrustedKeyring trusted;

    @Mixin ComparisonOutput output;

    /**
     * The new photo decodes on the other core while the reference is verified and decoded (0.07 s
     * of a 12-megapixel check, docs/benchmarks.md). Errors keep the order of reading the photo
     * first: a bad photo is reported before the reference's errors, and before a passphrase is asked for.
     */
    @Override
    public Integer call() {
        PhotoInBackground later = PhotoInBackground.read(photo);
        SealCheck check;
        try {
            SealStore store = storeOptions.store();
            ReferenceTrust anchor = trusted.resolve(storeOptions.lab());
            check = Progress.reading(READING, () -> SealCheck.load(store, name, anchor, () -> {
                later.get();
                return Progress.prompting(READING, () -> storeOptions.passphrase("Passphrase of the reference of " + name, false));
            }));
        } catch (ReferenceRefusedException e) {
            later.get();
            System.err.println("custody: " + e.getMessage());
            return REFERENCE_REFUSED;
        } catch (RuntimeException e) {
            later.get();
            throw e;
        }
        Photo now = Progress.reading(READING, later::get);
        Comparison comparison = Progress.comparing(progress -> check.compare(now, progress));
        return output.show(comparison, check.subject(photo, now), check.json(), check.lines());
    }
}
