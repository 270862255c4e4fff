package dev.custody.ownership.handoff;

import dev.custody.firmware.Sha256;
import dev.custody.seals.Comparison;
import dev.custody.seals.SealComparator;
import dev.custody.seals.photo.PhotoReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seals on the case against the photos the provisioner shipped: each shipped photo must be
 * the one the manifest hashed, and each must be compared with a new photo the owner takes. Any
 * photo not compared leaves the seals unchecked, which only an explicit skip accepts.
 */
public final class SealCheck {
    private SealCheck() {}

    public static Check check(HandoffManifest manifest, BundleFiles bundle, Map<String, Path> newPhotos, boolean skip) {
        if (manifest.seals().isEmpty()) {
            return new Check("seals", skip ? Check.Status.SKIPPED : Check.Status.NOT_CHECKED, "the bundle has no seal photos"
                    + (skip ? "" : "; to go on without checking the seals, give --skip-seals"));
        }
        for (String name : newPhotos.keySet()) {
            if (manifest.seals().stream().noneMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("the bundle has no seal photo named " + name + " (it has "
                        + manifest.seals().stream().map(SealPhoto::name).toList() + ")");
            }
        }
        List<String> failed = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        List<String> intact = new ArrayList<>();
        for (SealPhoto shipped : manifest.seals()) {
            Path file = bundle.sealPhoto(shipped.name());
            Optional<byte[]> bytes = read(file);
            if (bytes.isEmpty() || !Sha256.hex(Sha256.of(bytes.get())).equals(shipped.sha256())) {
                failed.add(shipped.name() + ": the shipped photo is missing or is not the one the manifest signed");
                continue;
            }
            Path taken = newPhotos.get(shipped.name());
            if (taken == null) {
                unchecked.add(shipped.name() + ": no new photo given (--seal-photo " + shipped.name() + "=NEW.jpg)");
                continue;
            }
            compare(shipped, file, taken, intact, failed, unchecked);
        }
        if (!failed.isEmpty()) {
            return Check.failed("seals", String.join("; ", failed));
        }
        if (!unchecked.isEmpty()) {
            return new Check("seals", skip ? Check.Status.SKIPPED : Check.Status.NOT_CHECKED, String.join("; ", unchecked)
                    + (skip ? "" : "; to go on without checking them, give --skip-seals"));
        }
        return Check.passed("seals", String.join("; ", intact));
    }

    private static void compare(SealPhoto shipped, Path reference, Path taken, List<String> intact, List<String> failed,
                                List<String> unchecked) {
        String name = shipped.name();
        Comparison comparison = SealComparator.compare(PhotoReader.read(reference).image(), shipped.roi(),
                PhotoReader.read(taken).image());
        String why = comparison.reasons().isEmpty() ? "" : " (" + String.join("; ", comparison.reasons()) + ")";
        switch (comparison.verdict()) {
            case INTACT -> intact.add(name + ": intact");
            case TAMPERED -> failed.add(name + ": TAMPERED" + why);
            case CANNOT_VERIFY -> unchecked.add(name + ": cannot verify" + why);
        }
    }

    private static Optional<byte[]> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
