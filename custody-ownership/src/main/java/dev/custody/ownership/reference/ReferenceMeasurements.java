package dev.custody.ownership.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.attest.SealedOtpSecret;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import dev.custody.common.StrictJson;
import dev.custody.common.TerminalText;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.Sha256;
import dev.custody.firmware.inventory.Blob;
import dev.custody.firmware.inventory.BlobInventory;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.machine.Machine;
import dev.custody.machine.PredictedLogs;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.SignatureCheck;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.TpmInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a machine must look like after its next clean power-on, recorded when it is prepared and
 * compared when it arrives: its TPM's endorsement key, its firmware and the blobs in it, its
 * signed /boot, and the PCR values its firmware will produce (SHA-256 on a TPM 2.0, SHA-1 on a TPM 1.2).
 *
 * @param board                the machine's label (board or host name)
 * @param endorsementKeySha256 SHA-256 of the RSA EK's public area as {@link Tpm#endorsementKeyPublic}
 *                             gives it (TPMT_PUBLIC: the digest part of the EK's TPM name; on a
 *                             TPM 1.2 the EK's X.509 SubjectPublicKeyInfo)
 * @param firmwareSha256       SHA-256 of the whole firmware image
 * @param blobs                the image's binary blobs (custody-firmware's inventory)
 * @param boot                 the signed /boot manifest
 * @param expectedPcrs         PCRs 0, 1, 3 zero (Heads boards), 2 and 7 predicted from the image as
 *                             coreboot and Heads measure it, 4 before any boot-mode extend
 * @param totpPcrs             the PCRs the TOTP secret is sealed to; empty when none is sealed
 * @param pcrBank              the bank of {@code expectedPcrs}: the TPM's sealing bank
 */
public record ReferenceMeasurements(String board, String endorsementKeySha256, String firmwareSha256, List<BlobEntry> blobs,
                                    BootReference boot, SortedMap<Integer, String> expectedPcrs, List<Integer> totpPcrs,
                                    PcrBank pcrBank) {
    public static final String FORMAT = "custody-reference-measurements";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Integer> ZERO_ON_HEADS = List.of(0, 1, 3, 4);

    public ReferenceMeasurements {
        if (expectedPcrs.isEmpty()) {
            // a check that "every expected PCR value matches" would then pass on any machine
            throw new IllegalArgumentException("the reference measurements expect no PCR values");
        }
        blobs = List.copyOf(blobs);
        expectedPcrs = new TreeMap<>(expectedPcrs);
        totpPcrs = List.copyOf(totpPcrs);
    }

    /** One blob of the inventory, as the summary keeps it. */
    public record BlobEntry(String kind, String location, String sha256) {}

    /**
     * The signed /boot: {@code kexecSha256} is SHA-256 of the exact text kexec.sig signs (the
     * output of {@code sha256sum kexec*.txt}, which lists every file's hash), {@code signatureSha256}
     * that of kexec.sig itself, and {@code signer} the fingerprint of the firmware keyring's key
     * that made it (empty when the firmware has no keyring to check it against).
     */
    public record BootReference(String kexecSha256, String signatureSha256, Optional<String> signer) {}

    /**
     * For the reset wizard and the hand-off. {@code endorsementAuth} is tried when the empty
     * endorsement passphrase is refused; give the TPM owner passphrase, or {@link Secret#empty()}.
     * Machines whose firmware is a file only (a lab's rom.bin). For this computer, read the image with flashrom and call
     * {@link #of(Machine, FirmwareImage, Tpm, Secret)}.
     */
    public static ReferenceMeasurements of(Machine machine, Tpm tpm, Secret endorsementAuth) {
        Path rom = machine.firmwareImageFile().orElseThrow(() -> new IllegalArgumentException(
                machine.withoutFirmwareImage("reference measurements")));
        return of(machine, readImage(rom), tpm, endorsementAuth);
    }

    public static ReferenceMeasurements of(Machine machine, FirmwareImage image, Tpm tpm, Secret endorsementAuth) {
        List<BlobEntry> blobs = BlobInventory.of(image).stream()
                .map((Blob b) -> new BlobEntry(b.kind().name(), b.location(), b.sha256())).toList();
        Optional<SealRecord> totp = machine.sealRecords().find(SealedOtpSecret.HANDLE);
        return new ReferenceMeasurements(machine.label(), endorsementKeySha256(tpm, endorsementAuth),
                Sha256.hex(Sha256.of(image.bytes())), blobs, boot(machine.bootDirectory(), FirmwareKeyring.of(image)),
                expectedPcrs(image, totp, tpm.sealingBank()), totp.map(r -> r.policy().pcrs()).orElse(List.of()),
                tpm.sealingBank());
    }

    /**
     * SHA-256 of the EK's public area. The endorsement hierarchy's passphrase is tried empty first,
     * then {@code endorsementAuth} (a reset may set it to the TPM owner passphrase). Hierarchy
     * passphrases are not under dictionary-attack lockout, so the first try costs nothing. A TPM 1.2
     * has no endorsement passphrase: once owned, its EK is read with the owner passphrase, and a
     * wrong one counts towards lockout, so only {@code endorsementAuth} is tried.
     */
    public static String endorsementKeySha256(Tpm tpm, Secret endorsementAuth) {
        if (TpmInfo.FAMILY_1_2.equals(tpm.info().family())) {
            try {
                return Sha256.hex(Sha256.of(tpm.endorsementKeyPublic(endorsementAuth)));
            } catch (TpmException e) {
                throw new TpmException("cannot read the TPM's endorsement key: " + e.getMessage());
            }
        }
        try {
            return Sha256.hex(Sha256.of(tpm.endorsementKeyPublic(Secret.empty())));
        } catch (TpmException refused) {
            if (endorsementAuth.isEmpty()) {
                throw new TpmException("cannot read the TPM's endorsement key: " + refused.getMessage());
            }
        }
        try {
            return Sha256.hex(Sha256.of(tpm.endorsementKeyPublic(endorsementAuth)));
        } catch (TpmException e) {
            throw new TpmException("cannot read the TPM's endorsement key: " + e.getMessage());
        }
    }

    public static SortedMap<Integer, String> expectedPcrs(FirmwareImage image, Optional<SealRecord> totp, PcrBank bank) {
        SortedMap<Integer, String> expected = new TreeMap<>();
        ZERO_ON_HEADS.forEach(pcr -> expected.put(pcr, Sha256.hex(bank.resetValue())));
        PredictedLogs.values(MeasurementPredictor.predict(image), bank).forEach((pcr, value) -> expected.put(pcr, Sha256.hex(value)));
        // A TOTP sealed to PCRs the firmware does not set (5, 6 ...) expects them as they were at sealing.
        totp.ifPresent(record -> record.values().forEach((pcr, value) -> expected.putIfAbsent(pcr, Sha256.hex(value))));
        return expected;
    }

    public static BootReference boot(Path bootDirectory, Optional<Keyring> firmwareKeyring) {
        Path signature = bootDirectory.resolve(KexecFiles.SIGNATURE);
        if (!Files.isRegularFile(signature)) {
            throw new IllegalStateException(bootDirectory + " is not signed (no " + KexecFiles.SIGNATURE
                    + "); sign it with 'custody boot sign' before recording the reference");
        }
        byte[] signed = KexecFiles.read(bootDirectory).signedText();
        byte[] sig;
        try {
            sig = Files.readAllBytes(signature);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + signature, e);
        }
        Optional<String> signer = firmwareKeyring.map(keyring -> switch (SignatureCheck.verify(sig, signed, keyring)) {
            case SignatureCheck.Good good -> good.fingerprint();
            case SignatureCheck.Bad bad -> throw new IllegalStateException("the /boot signature does not verify with the "
                    + "firmware's keyring: it " + bad.reason());
        });
        return new BootReference(Sha256.hex(Sha256.of(signed)), Sha256.hex(Sha256.of(sig)), signer);
    }

    /** Where this differs from {@code actual}, one line per difference; empty when they agree. */
    public List<String> differences(ReferenceMeasurements actual) {
        List<String> out = new ArrayList<>();
        if (!endorsementKeySha256.equals(actual.endorsementKeySha256)) {
            out.add("the TPM's endorsement key differs: this is not the TPM the manifest describes");
        }
        out.addAll(firmwareDifferences(actual));
        out.addAll(bootDifferences(actual));
        return out;
    }

    public List<String> firmwareDifferences(ReferenceMeasurements actual) {
        List<String> out = new ArrayList<>();
        if (!firmwareSha256.equals(actual.firmwareSha256)) {
            out.add("the firmware image differs (SHA-256 " + abbreviate(actual.firmwareSha256) + ", expected "
                    + abbreviate(firmwareSha256) + ")");
        }
        if (!blobs.equals(actual.blobs)) {
            out.add("the firmware's binary blobs differ: " + blobs.size() + " expected, " + actual.blobs.size() + " found"
                    + (blobs.size() == actual.blobs.size() ? ", with different contents" : ""));
        }
        expectedPcrs.forEach((pcr, value) -> {
            String now = actual.expectedPcrs.get(pcr);
            if (now != null && !now.equals(value)) {
                out.add("the firmware now measures to a different PCR " + pcr);
            }
        });
        return out;
    }

    public List<String> bootDifferences(ReferenceMeasurements actual) {
        List<String> out = new ArrayList<>();
        if (!boot.kexecSha256().equals(actual.boot.kexecSha256())) {
            out.add("/boot's signed hash list (kexec*.txt) differs");
        }
        if (!boot.signatureSha256().equals(actual.boot.signatureSha256())) {
            out.add("/boot's signature (kexec.sig) differs");
        }
        if (!boot.signer().equals(actual.boot.signer())) {
            out.add("/boot is signed by " + actual.boot.signer().orElse("no key the firmware knows") + ", expected "
                    + boot.signer().orElse("no key the firmware knows"));
        }
        return out;
    }

    private static String abbreviate(String hex) {
        return hex.substring(0, 16) + "…";
    }

    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("version", VERSION);
        node.put("board", board);
        node.put("endorsementKeySha256", endorsementKeySha256);
        ObjectNode firmware = node.putObject("firmware");
        firmware.put("sha256", firmwareSha256);
        ArrayNode blobArray = firmware.putArray("blobs");
        blobs.forEach(b -> blobArray.addObject().put("kind", b.kind()).put("location", b.location()).put("sha256", b.sha256()));
        ObjectNode bootNode = node.putObject("boot");
        bootNode.put("kexecSha256", boot.kexecSha256());
        bootNode.put("signatureSha256", boot.signatureSha256());
        boot.signer().ifPresentOrElse(s -> bootNode.put("signer", s), () -> bootNode.putNull("signer"));
        ObjectNode pcrs = node.putObject("pcrs");
        pcrs.put("bank", pcrBank.label());
        ObjectNode expected = pcrs.putObject("expected");
        expectedPcrs.forEach((pcr, value) -> expected.put(Integer.toString(pcr), value));
        ArrayNode totp = pcrs.putArray("totpSelection");
        totpPcrs.forEach(totp::add);
        return node;
    }

    public static ReferenceMeasurements fromJson(JsonNode node) {
        if (node == null || !FORMAT.equals(node.path("format").textValue()) || !node.path("version").isInt()
                || node.path("version").intValue() != VERSION) {
            throw new IllegalArgumentException("not reference measurements of version " + VERSION);
        }
        JsonNode firmware = node.path("firmware");
        JsonNode pcrs = node.path("pcrs");
        // a missing list or map would otherwise read as empty: no blobs, or no PCR to check
        if (!firmware.path("blobs").isArray() || !pcrs.path("expected").isObject() || !pcrs.path("totpSelection").isArray()) {
            throw new IllegalArgumentException("the reference measurements lack their blob list, their expected PCR"
                    + " values or their TOTP PCR selection");
        }
        List<BlobEntry> blobs = new ArrayList<>();
        for (JsonNode b : firmware.path("blobs")) {
            blobs.add(new BlobEntry(text(b, "kind"), text(b, "location"), text(b, "sha256")));
        }
        JsonNode bootNode = node.path("boot");
        BootReference boot = new BootReference(text(bootNode, "kexecSha256"), text(bootNode, "signatureSha256"),
                bootNode.path("signer").isTextual() ? Optional.of(bootNode.path("signer").textValue()) : Optional.empty());
        PcrBank bank = bank(pcrs.path("bank"));
        SortedMap<Integer, String> expected = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pcrs.path("expected").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pcr = it.next();
            expected.put(pcr("pcrs.expected", pcr.getKey()), hex(pcr.getValue(), bank.digestLength()));
        }
        List<Integer> totp = new ArrayList<>();
        for (JsonNode pcr : pcrs.path("totpSelection")) {
            totp.add(pcr("pcrs.totpSelection", pcr.isInt() ? pcr.asText() : pcr.toString()));
        }
        return new ReferenceMeasurements(text(node, "board"), hex(node.path("endorsementKeySha256")),
                hex(firmware.path("sha256")), blobs, boot, expected, totp, bank);
    }

    /** A PCR number as the file writes it (0-23, no sign, no leading zero), for {@code field}'s message. */
    private static int pcr(String field, String text) {
        if (!text.matches("0|[1-9][0-9]?") || Integer.parseInt(text) > PcrPolicy.HIGHEST_PCR) {
            String shown = TerminalText.escape(text.length() <= 20 ? text : text.substring(0, 20) + "...");
            throw new IllegalArgumentException(field + ": " + shown + " is not a PCR (0-" + PcrPolicy.HIGHEST_PCR + ")");
        }
        return Integer.parseInt(text);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("the reference measurements lack '" + field + "'");
        }
        return value.textValue();
    }

    private static String hex(JsonNode value) {
        return hex(value, Sha256.LENGTH);
    }

    private static String hex(JsonNode value, int length) {
        if (!value.isTextual() || !value.textValue().matches("[0-9a-f]{" + 2 * length + "}")) {
            throw new IllegalArgumentException("the reference measurements hold a digest that is not " + 2 * length
                    + " hex digits");
        }
        return value.textValue();
    }

    /** The PCR bank of the expected values: SHA-256 (TPM 2.0) or SHA-1 (TPM 1.2). */
    private static PcrBank bank(JsonNode value) {
        return switch (value.asText("")) {
            case "sha256" -> PcrBank.SHA256;
            case "sha1" -> PcrBank.SHA1;
            default -> throw new IllegalArgumentException("the reference measurements' PCR bank must be sha256 or sha1");
        };
    }

    /** Saved where the reset keeps it ({@code OwnershipFiles.reference()}). */
    public void save(Path file) {
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Every refusal names the file: {@code FILE: problem}. */
    public static ReferenceMeasurements load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read" + (Files.exists(file) ? "" : " (no such file)"));
        }
        JsonNode node;
        try {
            node = StrictJson.object(bytes).node();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not readable JSON reference measurements (" + e.getMessage() + ")");
        }
        try {
            return fromJson(node);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static FirmwareImage readImage(Path rom) {
        try {
            return FirmwareImage.read(rom);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the firmware image " + rom, e);
        }
    }
}
