package dev.custody.firmware.inventory;

import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.Sha256;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsAttribute;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.MetadataHashAnchor;
import dev.custody.firmware.ifd.FlashDescriptor;
import dev.custody.firmware.ifd.RegionKind;
import dev.custody.firmware.me.GbeRegion;
import dev.custody.firmware.me.MeRegion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Security findings about a parsed image: descriptor locks, ME state, measured boot, CBFS hashes. */
public final class Findings {
    static final String KEYRING = "heads/initrd/.gnupg/pubring.kbx";

    private Findings() {}

    public static List<Finding> of(FirmwareImage image) {
        List<Finding> findings = new ArrayList<>();
        image.ifd().ifPresent(ifd -> findings.addAll(descriptorFindings(image.bytes(), ifd)));
        findings.addAll(measuredBootFindings(image));
        findings.addAll(cbfsFindings(image));
        return findings;
    }

    private static List<Finding> descriptorFindings(byte[] bytes, FlashDescriptor ifd) {
        List<Finding> findings = new ArrayList<>();
        ifd.master(1).ifPresent(host -> {
            if (host.canWrite(RegionKind.DESCRIPTOR)) {
                findings.add(new Finding(Severity.CRITICAL, "descriptor-writable",
                        "The flash descriptor is writable by the host CPU, so software can change region permissions and re-enable the ME."));
            }
            if (host.canWrite(RegionKind.ME)) {
                findings.add(new Finding(Severity.WARNING, "me-region-writable",
                        "The ME region is writable by the host CPU, so software can replace the ME firmware."));
            }
        });
        ifd.region(RegionKind.ME).ifPresent(region -> findings.add(meFinding(MeRegion.of(bytes, ifd, region))));
        ifd.region(RegionKind.GBE).map(region -> GbeRegion.of(bytes, region)).filter(gbe -> !gbe.checksumValid() && !gbe.erased())
                .ifPresent(gbe -> findings.add(new Finding(Severity.WARNING, "gbe-checksum",
                        "The GbE region's NVM checksum is wrong, so the Ethernet controller will ignore its settings.")));
        return findings;
    }

    private static Finding meFinding(MeRegion me) {
        if (me.table().isEmpty()) {
            return new Finding(Severity.WARNING, "me-unknown",
                    "The ME region holds no $FPT partition table, so its state cannot be judged.");
        }
        if (!me.neutralised()) {
            return new Finding(Severity.WARNING, "me-active",
                    "The ME is not neutralised: its partitions are intact and the " + me.disableStrapName() + " bit is not set.");
        }
        return new Finding(Severity.INFO, "me-neutralised", "The ME is neutralised ("
                + (me.partitionsRemoved() ? "partitions removed as me_cleaner does" : "") + (me.partitionsRemoved() && me.disableStrapSet() ? ", " : "")
                + (me.disableStrapSet() ? me.disableStrapName() + " bit set" : "") + ").");
    }

    private static List<Finding> measuredBootFindings(FirmwareImage image) {
        Optional<CbfsFile> config = image.cbfs().stream().flatMap(c -> c.file("config").stream()).findFirst();
        if (image.cbfs().isEmpty()) {
            return List.of(new Finding(Severity.WARNING, "no-cbfs", "The image has no CBFS, so it is not a coreboot image Custody can measure."));
        }
        boolean measured = config.map(f -> new String(f.contents(), StandardCharsets.US_ASCII))
                .map(text -> text.lines().anyMatch(l -> l.equals("CONFIG_TPM_MEASURED_BOOT=y") || l.equals("CONFIG_TCPA_MEASURED_BOOT=y")))
                .orElse(false);
        return List.of(measured
                ? new Finding(Severity.INFO, "measured-boot", "coreboot was built with measured boot, so it extends PCR 2 with each CBFS file it loads.")
                : new Finding(Severity.WARNING, "no-measured-boot", "There is no measured-boot evidence: "
                        + (config.isPresent() ? "the CBFS 'config' file does not enable CONFIG_TPM_MEASURED_BOOT."
                                : "the CBFS has no 'config' file saying coreboot was built with CONFIG_TPM_MEASURED_BOOT.")));
    }

    private static List<Finding> cbfsFindings(FirmwareImage image) {
        List<Finding> findings = new ArrayList<>();
        Optional<MetadataHashAnchor> anchor = MetadataHashAnchor.find(image);
        Optional<Cbfs> primary = image.cbfs().stream().filter(c -> c.region().equals(Cbfs.DEFAULT_REGION)).findFirst();
        if (anchor.isEmpty()) {
            findings.add(new Finding(Severity.INFO, "no-cbfs-verification",
                    "No CBFS verification anchor is present, so coreboot does not check CBFS metadata before using it."));
        } else if (primary.isPresent() && !anchor.get().matches(image.bytes(), primary.get())) {
            findings.add(new Finding(Severity.CRITICAL, "cbfs-anchor-mismatch",
                    "The CBFS verification anchor does not match the CBFS metadata, so coreboot will refuse to boot this image."));
        } else {
            findings.add(new Finding(Severity.INFO, "cbfs-verification",
                    "A CBFS verification anchor is present and matches the CBFS metadata."));
        }
        for (Cbfs cbfs : image.cbfs()) {
            cbfs.files().stream().filter(f -> f.hash().isPresent() && !hashValid(f)).forEach(f -> findings.add(
                    new Finding(Severity.CRITICAL, "cbfs-hash-mismatch", "CBFS file '" + f.name() + "' in " + cbfs.region()
                            + " does not match its hash attribute, so it was changed after the image was built.")));
        }
        if (primary.isPresent() && primary.get().file(KEYRING).isEmpty()) {
            findings.add(new Finding(Severity.INFO, "no-owner-keyring",
                    "No owner keyring at " + KEYRING + ", so this image cannot verify a signed /boot the Heads way."));
        }
        return findings;
    }

    /** Hashes with an algorithm Java does not know are not judged. */
    private static boolean hashValid(CbfsFile file) {
        CbfsAttribute.Hash hash = file.hash().orElseThrow();
        return hash.javaAlgorithm().map(algorithm -> Arrays.equals(hash.digest(), digest(algorithm, file.data()))).orElse(true);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        if (algorithm.equals("SHA-256")) {
            return Sha256.of(data);
        }
        try {
            return java.security.MessageDigest.getInstance(algorithm).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides " + algorithm, e);
        }
    }
}
