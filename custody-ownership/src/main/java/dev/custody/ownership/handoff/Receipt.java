package dev.custody.ownership.handoff;

import dev.custody.common.TerminalText;
import dev.custody.firmware.FirmwareImage;
import dev.custody.machine.Machine;
import dev.custody.openpgp.PublicKeys;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.shamir.SecretShares;
import dev.custody.ownership.shamir.Share;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The new owner's checks on receipt, in the order that keeps them honest: the manifest's
 * signature against the owner's trust anchor first (nothing in an untrusted manifest is
 * believed), then the shares, the machine, and the seals.
 */
public final class Receipt {
    private Receipt() {}

    public enum Verdict {
        /** Every check passed (the seals possibly skipped at the owner's explicit request). */
        VERIFIED,
        /** Nothing failed, but something was not checked: not verified. */
        INCOMPLETE,
        /** A check failed: the bundle or the machine is not what the provisioner shipped. */
        REJECTED
    }

    /** The outcome; closing it wipes the recovered secrets. */
    public record Report(Optional<Bundle.Signature.Trusted> signer, Optional<HandoffManifest> manifest, List<Check> checks,
                         Optional<OwnerSecrets> secrets) implements AutoCloseable {
        public Verdict verdict() {
            if (checks.stream().anyMatch(c -> c.status() == Check.Status.FAILED)) {
                return Verdict.REJECTED;
            }
            if (checks.stream().anyMatch(c -> c.status() == Check.Status.NOT_CHECKED)) {
                return Verdict.INCOMPLETE;
            }
            return Verdict.VERIFIED;
        }

        /** As {@code own receive} prints it: the bundle, a line a check, the verdict. */
        public String text(boolean checkOnly) {
            StringBuilder out = new StringBuilder();
            manifest.ifPresent(m -> out.append(header(m)));
            for (Check check : checks) {
                out.append(TerminalText.format("  %-10s %-12s %s%n", check.name(), check.status().word(), check.detail()));
            }
            out.append(switch (verdict()) {
                case VERIFIED -> "VERIFIED: the machine and the bundle are as the provisioner shipped them."
                        + (checks.stream().anyMatch(c -> c.status() == Check.Status.SKIPPED)
                        ? " (The seals were NOT checked, at your request.)" : "")
                        + (checkOnly ? "\nCheck only: nothing was rotated." : "");
                case INCOMPLETE -> "NOT VERIFIED: some checks could not be made (see above); nothing was rotated.";
                case REJECTED -> "REJECTED: do not trust this machine or bundle; nothing was rotated. Ask the provisioner.";
            });
            return out.toString();
        }

        private String header(HandoffManifest manifest) {
            String by = signer.map(s -> s.owner() + ", " + PublicKeys.grouped(s.fingerprint())).orElse("?");
            return TerminalText.format("Bundle %s of %s from %s%nMachine %s%s%n", manifest.bundleId(), manifest.created(),
                    by, manifest.reference().board(), manifest.serial().map(s -> ", serial " + s).orElse(""));
        }

        /** As {@code own receive --json} shows it: {@code rotated} holds the new secrets when ownership was taken. */
        public Map<String, Object> toJson(Path bundle, Optional<OwnerSecrets> rotated) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("bundle", bundle.toString());
            out.put("bundleId", manifest.map(HandoffManifest::bundleId).orElse(null));
            out.put("signer", signer.map(s -> (Object) s.fingerprint()).orElse(null));
            out.put("verdict", verdict().name().toLowerCase(Locale.ROOT));
            out.put("checks", checks.stream().map(c -> {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("name", c.name());
                check.put("status", c.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                check.put("detail", c.detail());
                return check;
            }).toList());
            out.put("rotated", rotated.isPresent());
            rotated.ifPresent(next -> out.put("newSecrets", next.asText()));
            return out;
        }

        @Override
        public void close() {
            secrets.ifPresent(OwnerSecrets::close);
        }
    }

    /** {@code anchor} empty: the key the shares name (they travel apart from the bundle) is the anchor. */
    public record Inputs(Optional<TrustAnchor> anchor, List<Path> shareFiles, Map<String, Path> newSealPhotos, boolean skipSeals,
                         Optional<FirmwareImage> image) {}

    /**
     * The checks on the machine's own TPM, which is closed again before this returns: a lab's TPM
     * serves one connection at a time, and taking ownership after the checks opens it again.
     */
    public static Report check(Bundle bundle, Machine machine, Inputs inputs) {
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            return check(bundle, machine, tpm, inputs);
        }
    }

    public static Report check(Bundle bundle, Machine machine, Tpm tpm, Inputs inputs) {
        Optional<TrustAnchor> anchor = inputs.anchor().or(() -> namedByShares(inputs.shareFiles()));
        if (anchor.isEmpty()) {
            return new Report(Optional.empty(), Optional.empty(), List.of(Check.notChecked("signature",
                    "no key to check the manifest against: give the shares (they name the provisioner's key), "
                    + "--fingerprint FPR or --provisioner-key FILE")), Optional.empty());
        }
        Bundle.Signature signature = bundle.verify(anchor.get());
        if (signature instanceof Bundle.Signature.Rejected rejected) {
            return new Report(Optional.empty(), Optional.empty(), List.of(Check.failed("signature", rejected.reason())),
                    Optional.empty());
        }
        Bundle.Signature.Trusted trusted = (Bundle.Signature.Trusted) signature;
        HandoffManifest manifest = trusted.manifest();
        List<Check> checks = new ArrayList<>();
        checks.add(Check.passed("signature", "good signature by " + trusted.owner() + " ("
                + PublicKeys.grouped(trusted.fingerprint()) + "), " + (inputs.anchor().isPresent()
                ? "the key you trust" : "the key the shares name")));
        Optional<OwnerSecrets> secrets = recover(manifest, inputs.shareFiles());
        checks.add(secrets.isPresent()
                ? Check.passed("shares", inputs.shareFiles().size() + " of " + manifest.count() + " shares recovered the secrets")
                : Check.notChecked("shares", "no shares given (" + manifest.threshold() + " of " + manifest.count() + " needed)"));
        try {
            checks.addAll(MachineCheck.check(machine, inputs.image(), manifest.reference(), secrets, tpm));
            checks.add(SealCheck.check(manifest, bundle.files(), inputs.newSealPhotos(), inputs.skipSeals()));
        } catch (RuntimeException e) {
            secrets.ifPresent(OwnerSecrets::close);
            throw e;
        }
        return new Report(Optional.of(trusted), Optional.of(manifest), checks, secrets);
    }

    /** The provisioner's fingerprint from inside the shares; nothing from the bundle is believed for it. */
    private static Optional<TrustAnchor> namedByShares(List<Path> shareFiles) {
        if (shareFiles.isEmpty()) {
            return Optional.empty();
        }
        List<Share> shares = ShareFiles.read(shareFiles);
        byte[] json = SecretShares.recover(shares, shares.getFirst().bundleId());
        try (OwnerSecrets secrets = OwnerSecrets.fromJson(json)) {
            return secrets.get(OwnerSecrets.PROVISIONER_FINGERPRINT)
                    .map(f -> new TrustAnchor.Fingerprint(new String(f.bytes(), StandardCharsets.US_ASCII)));
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    private static Optional<OwnerSecrets> recover(HandoffManifest manifest, List<Path> shareFiles) {
        if (shareFiles.isEmpty()) {
            return Optional.empty();
        }
        List<Share> shares = ShareFiles.read(shareFiles);
        for (Share share : shares) {
            if (share.bundleId().equals(manifest.bundleId())
                    && (share.threshold() != manifest.threshold() || share.count() != manifest.count())) {
                throw new IllegalArgumentException(share + " says " + share.threshold() + " of " + share.count()
                        + ", but the manifest says " + manifest.threshold() + " of " + manifest.count());
            }
        }
        byte[] json = SecretShares.recover(shares, manifest.bundleId());
        try {
            return Optional.of(OwnerSecrets.fromJson(json));
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }
}
