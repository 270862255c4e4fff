package dev.custody.cli.seals;

import dev.custody.cli.Json;
import dev.custody.cli.JsonOutput;
import dev.custody.cli.key.SigningKeyOptions;
import dev.custody.common.Secret;
import dev.custody.openpgp.Signer;
import dev.custody.seals.Region;
import dev.custody.seals.photo.Photo;
import dev.custody.seals.photo.PhotoReader;
import dev.custody.seals.store.Enrolment;
import dev.custody.seals.store.SealSigners;
import dev.custody.seals.store.SealStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Store PHOTO as the reference for seal NAME, signed with your OpenPGP key.",
            "Photograph the seal straight on, in sharp focus and even light, filling most of the frame.",
            "Without --key or --gpg-home, GnuPG's default secret key signs (it may ask for your PIN)."})
final class EnrollCommand implements Callable<Integer> {
    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Which seal this is, e.g. bottom-left-screw (letters, digits, '.', '_', '-').")
    String name;

    @Parameters(paramLabel = "PHOTO", description = "The reference photo (JPEG or PNG).") Path photo;

    @Option(names = "--roi", paramLabel = "x,y,w,h",
            description = "The part of PHOTO that shows the seal, in pixels (default: found automatically,"
                    + " the glitter-covered area).")
    String roi;

    @Option(names = "--replace", description = "Replace the reference already enrolled under NAME.") boolean replace;

    @Mixin SigningKeyOptions key;

    @Option(names = "--encrypt", description = "Also encrypt the stored photo with a passphrase (AES-256).") boolean encrypt;

    @Mixin StoreOptions storeOptions;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        Photo picture = PhotoReader.read(photo);
        Optional<Region> region = Enrolment.marked(roi, picture);
        Region seal = Enrolment.seal(region, picture, photo);
        Signer signer = signer();
        SealStore store = storeOptions.store();
        Enrolment enrolment;
        try (Secret passphrase = encrypt
                ? storeOptions.passphrase("Passphrase to encrypt the reference", true) : null) {
            enrolment = Enrolment.enroll(store, new Enrolment.Subject(name, photo, picture, region, seal, replace),
                    new Enrolment.Signing(signer, Optional.ofNullable(passphrase), key.keyFile()), System.getenv());
        }
        if (json.requested()) {
            System.out.println(Json.write(enrolment.toJson()));
        } else {
            System.out.print(enrolment.text());
        }
        return 0;
    }

    /** Without --key, GnuPG signs: --local-user's key, else its default secret key. */
    private Signer signer() {
        return key.keyFile().isPresent() ? key.chosen().orElseThrow()
                : SealSigners.gnupg(key.gpgHome(), key.localUser(), System.getenv());
    }
}
