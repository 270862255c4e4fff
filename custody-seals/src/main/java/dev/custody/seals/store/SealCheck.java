package dev.custody.seals.store;

import dev.custody.common.Secret;
import dev.custody.seals.Comparison;
import dev.custody.seals.SealComparator;
import dev.custody.seals.StageTime;
import dev.custody.seals.photo.Photo;
import dev.custody.seals.photo.PhotoReader;
import dev.custody.seals.report.HtmlReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code seals check}: the enrolled reference of seal {@code name}, loaded only once its signature
 * checks out and its signer is one {@code trust} allows, then compared with a new photo.
 */
public record SealCheck(String name, VerifiedReference reference, ReferenceTrust trust, Photo referencePhoto) {
    /** @throws ReferenceRefusedException when the reference's signature, signer or photo is not the enrolled one */
    public static SealCheck load(SealStore store, String name, ReferenceTrust trust, Supplier<Secret> passphrase) {
        VerifiedReference reference = store.load(name, trust.keyring(), passphrase);
        trust.requireAllowed(reference, name);
        return new SealCheck(name, reference, trust, PhotoReader.decode(reference.photo(), "the reference of seal " + name));
    }

    /** @param progress told each stage as it finishes (for a progress line on a terminal) */
    public Comparison compare(Photo now, Consumer<StageTime> progress) {
        return SealComparator.compare(referencePhoto.image(), reference.metadata().roi(), now.image(), progress);
    }

    /** What the HTML report says was compared: this reference and {@code photo}, taken now. */
    public HtmlReport.Subject subject(Path photo, Photo now) {
        return new HtmlReport.Subject("seal " + name + ", enrolled " + reference.metadata().enrolled()
                + ", signed by " + reference.signer(), photo.toString(), now.image(), Instant.now());
    }

    /** What {@code seals check} adds to the comparison's JSON. */
    public Map<String, Object> json() {
        return Map.of("reference", reference.toJson(name, trust));
    }

    /** What {@code seals check} adds to the comparison's text. */
    public List<String> lines() {
        return List.of(reference.line(name, trust));
    }
}
