package dev.custody.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.eventlog.BootApplicationUpdate.Prediction;
import dev.custody.eventlog.BootApplicationUpdate.Target;
import dev.custody.eventlog.pe.Authenticode;
import dev.custody.eventlog.pe.PeImage;
import dev.custody.eventlog.pe.QemuKernelImage;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class BootApplicationUpdateTest {
    private static byte[] measuredKernel() {
        return QemuKernelImage.patched(OvmfLog.kernel(), OvmfLog.INITRD_SIZE, OvmfLog.RAM);
    }

    @Test
    void theSameKernelPredictsTheValuesTheTpmHeld() {
        Prediction.Predicted predicted = (Prediction.Predicted) BootApplicationUpdate.predict(OvmfLog.log(), measuredKernel(),
                new Target.OnlyOne());
        PcrValues actual = OvmfLog.pcrs();
        for (HashAlgorithm bank : List.of(HashAlgorithm.SHA1, HashAlgorithm.SHA256)) {
            SortedMap<Integer, Bytes> values = predicted.pcrs().get(bank);
            assertThat(values.keySet()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            values.forEach((pcr, value) -> assertThat(value).as(bank + " PCR " + pcr).isEqualTo(actual.banks().get(bank).get(pcr)));
        }
        assertThat(predicted.replaced()).containsExactly("event 11 (PCR 4, EV_EFI_BOOT_SERVICES_APPLICATION)");
    }

    @Test
    void aNewKernelChangesPcr4ByItsDigestOnly() {
        byte[] next = measuredKernel();
        PeImage parsed = PeImage.parse(next);
        next[(int) parsed.sections().sections().get(2).pointerToRawData() + 4096] ^= 0x5a;
        Prediction.Predicted predicted = (Prediction.Predicted) BootApplicationUpdate.predict(OvmfLog.log(), next, new Target.OnlyOne());
        EventLog current = EventLogs.parse(OvmfLog.log());
        for (HashAlgorithm bank : List.of(HashAlgorithm.SHA1, HashAlgorithm.SHA256)) {
            Bytes pcr4 = Bytes.of(new byte[bank.digestLength()]);
            for (Event event : current.events()) {
                if (event.pcr() == 4 && event.extendsPcr()) {
                    Bytes digest = event.index() == 11 ? Authenticode.digest(next, bank) : event.digest(bank).orElseThrow();
                    pcr4 = bank.extend(pcr4, digest);
                }
            }
            SortedMap<Integer, Bytes> values = predicted.pcrs().get(bank);
            assertThat(values.get(4)).isEqualTo(pcr4).isNotEqualTo(OvmfLog.pcrs().banks().get(bank).get(4));
            for (int pcr : List.of(0, 1, 2, 3, 5, 6, 7)) {
                assertThat(values.get(pcr)).isEqualTo(OvmfLog.pcrs().banks().get(bank).get(pcr));
            }
        }
        EventLog rewritten = EventLogs.parse(predicted.log());
        assertThat(rewritten.events()).hasSameSizeAs(current.events());
        assertThat(rewritten.events().get(11).data()).isEqualTo(current.events().get(11).data());
    }

    @Test
    void severalBootApplicationsAreAmbiguousUnlessTheReplacedImageIsNamed() {
        byte[] log = Corpus.bytes("goattest-sb_cert_eventlog.bin");
        assertThat(BootApplicationUpdate.predict(log, measuredKernel(), new Target.OnlyOne()))
                .isInstanceOfSatisfying(Prediction.Impossible.class, i -> assertThat(i.reason())
                        .startsWith("ambiguous: the log has 3 boot applications in PCR 4 (event "));
        assertThat(BootApplicationUpdate.predict(log, measuredKernel(), new Target.Image("/boot/vmlinuz-old", OvmfLog.kernel())))
                .isInstanceOfSatisfying(Prediction.Impossible.class, i -> assertThat(i.reason())
                        .startsWith("no EV_EFI_BOOT_SERVICES_APPLICATION event in PCR 4 has the Authenticode digest of /boot/vmlinuz-old"));
    }

    @Test
    void theRunningImageNamesTheEventToReplace() {
        Prediction prediction = BootApplicationUpdate.predict(OvmfLog.log(), OvmfLog.kernel(),
                new Target.Image("the running kernel", measuredKernel()));
        assertThat(prediction).isInstanceOfSatisfying(Prediction.Predicted.class,
                p -> assertThat(p.replaced()).containsExactly("event 11 (PCR 4, EV_EFI_BOOT_SERVICES_APPLICATION)"));
    }

    @Test
    void logsWithoutABootApplicationSayWhy() {
        assertThat(BootApplicationUpdate.predict(Corpus.bytes("tpm2tools-event-uefivar.bin"), OvmfLog.kernel(), new Target.OnlyOne()))
                .isInstanceOfSatisfying(Prediction.Impossible.class, i -> assertThat(i.reason())
                        .contains("no EV_EFI_BOOT_SERVICES_APPLICATION event in PCR 4"));
        byte[] coreboot = CorebootTpm2LogWriter.write(HashAlgorithm.SHA256,
                List.of(new CorebootTpm2LogWriter.Measurement(2, Bytes.of(new byte[32]), "CBFS: bootblock")), 8);
        assertThat(BootApplicationUpdate.predict(coreboot, OvmfLog.kernel(), new Target.OnlyOne()))
                .isInstanceOfSatisfying(Prediction.Impossible.class, i -> assertThat(i.reason())
                        .contains("not a UEFI firmware's TCG log"));
        assertThat(BootApplicationUpdate.predict(OvmfLog.log(), "not a kernel".getBytes(), new Target.OnlyOne()))
                .isInstanceOfSatisfying(Prediction.Impossible.class, i -> assertThat(i.reason())
                        .startsWith("the new image is not an EFI application: "));
    }

    @Test
    void aSha1FormatLogIsRewrittenInPlace() {
        byte[] log = Corpus.bytes("tpm2tools-event-uefi-sha1-log.bin");
        EventLog parsed = EventLogs.parse(log);
        Event first = parsed.events().stream().filter(e -> e.type() == EventType.Tcg.EV_EFI_BOOT_SERVICES_APPLICATION).findFirst().orElseThrow();
        Bytes replacement = Bytes.filled(20, 0x42);
        byte[] rewritten = DigestRewrite.rewrite(log, parsed, java.util.Map.of(first.index(), java.util.Map.of(HashAlgorithm.SHA1, replacement)));
        assertThat(EventLogs.parse(rewritten).events().get(first.index()).digest(HashAlgorithm.SHA1)).contains(replacement);
        assertThat(rewritten).hasSameSizeAs(log);
    }
}
