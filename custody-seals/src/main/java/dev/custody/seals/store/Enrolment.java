package dev.custody.seals.store;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.Secret;
import dev.custody.common.TerminalText;
import dev.custody.openpgp.PublicKeys;
import dev.custody.openpgp.Signer;
import dev.custody.seals.Region;
import dev.custody.seals.SealComparator;
import dev.custody.seals.SealSearch;
import dev.custody.seals.photo.Photo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code seals enroll} did: the photo, where the seal is in it ({@code marked} by the owner
 * or found), and where the signed reference is stored.
 */
public record Enrolment(String name, Path photo, int width, int height, Region seal, boolean marked,
                        SealStore.Enrolled enrolled, boolean encrypted) {

    /** The part of {@code picture} the owner marked as the seal ({@code roi}: "x,y,w,h", inside it), if any. */
    public static Optional<Region> marked(String roi, Photo picture) {
        return Optional.ofNullable(roi).map(Region::parse).map(picture::requireInside);
    }

    /** Where the seal is in {@code picture}, read from {@code photo}: where the owner marked it, else where it is found. */
    public static Region seal(Optional<Region> marked, Photo picture, Path photo) {
        if (marked.isPresent()) {
            return marked.get();
        }
        // found again from the signed photo at every check, so only a region the owner marked is stored
        return switch (SealComparator.locate(picture.image())) {
            case SealSearch.Found found -> found.region();
            case SealSearch.NotFound notFound -> throw new IllegalArgumentException(switch (notFound.why()) {
                case NO_GLITTER -> "no glitter seal stands out in " + photo + "; photograph it closer, or mark it with --roi x,y,w,h";
                case GLITTER_BEYOND -> "the glitter in " + photo + " continues beyond the seal found there, so its edge is not"
                        + " known and every check would answer cannot-verify; mark the whole seal with --roi x,y,w,h";
            });
        };
    }

    /**
     * Stores {@code picture} as the reference of seal {@code name}, signed by {@code signer} and
     * encrypted with {@code passphrase} if one is given. The public key of a signing key file is
     * remembered among the user's seal signers (in {@code env}'s data folder), so that check trusts
     * it later without --keyring, as it trusts the user's own GnuPG keys.
     */
    public static Enrolment enroll(SealStore store, Subject subject, Signing signing, Map<String, String> env) {
        SealStore.Enrolled enrolled = store.enroll(subject.name(), subject.picture(), subject.marked(), signing.signer(),
                signing.passphrase(), subject.replacesExisting());
        signing.keyFile().ifPresent(file -> SealSigners.ofUser(env).remember(enrolled.metadata().signer(),
                PublicKeys.publicKeyOf(file)));
        return new Enrolment(subject.name(), subject.photo(), subject.picture().image().getWidth(),
                subject.picture().image().getHeight(), subject.seal(), subject.marked().isPresent(), enrolled,
                signing.passphrase().isPresent());
    }

    /**
     * The seal to enrol: its name, the photo file and its image, the part the owner marked (if any)
     * and where the seal is, and whether a reference of that name may be replaced.
     */
    public record Subject(String name, Path photo, Photo picture, Optional<Region> marked, Region seal,
                          boolean replacesExisting) {}

    /** Who signs the reference, the passphrase its photo is encrypted with (if any), and a key file whose public key to remember. */
    public record Signing(Signer signer, Optional<Secret> passphrase, Optional<Path> keyFile) {}

    public Map<String, Object> toJson() {
        return object("name", name, "photo", photo.toString(), "width", width, "height", height,
                "seal", object("source", source(), "x", seal.x(), "y", seal.y(), "w", seal.w(), "h", seal.h()),
                "signer", enrolled.metadata().signer(), "encrypted", encrypted, "folder", enrolled.folder().toString());
    }

    public String text() {
        return TerminalText.format("Enrolled seal %s from %s (%dx%d, seal %s at %d,%d %dx%d).%n", name, photo,
                width, height, source(), seal.x(), seal.y(), seal.w(), seal.h())
                + TerminalText.format("Signed by %s%s.%nStored in %s%n", enrolled.metadata().signer(),
                        encrypted ? ", photo encrypted" : "", enrolled.folder())
                + String.format("Check it later with: custody seals check --name %s NEW-PHOTO%n", name);
    }

    private String source() {
        return marked ? "marked" : "found";
    }
}
