package dev.custody.tpm;

import dev.custody.tpm.tpm12.Tpm12;
import dev.custody.tpm.tpm12.Tpm12Probe;
import dev.custody.tpm.transport.DeviceTransport;
import dev.custody.tpm.transport.SwtpmControl;
import dev.custody.tpm.transport.SwtpmTransport;
import dev.custody.tpm.transport.Transport;
import dev.custody.tpm.tss.TssTpm;
import java.util.Optional;

/** Opens the TPM a {@link TpmSpec} names, as a TPM 2.0 or a TPM 1.2, whichever it is. */
public final class Tpms {
    private Tpms() {}

    public static Tpm open(TpmSpec spec) {
        // Each kind opens itself: a pattern switch here would generate a class at run time at every boot.
        return spec.open();
    }

    static Tpm openSwtpm(TpmSpec.Swtpm swtpm) {
        return openSwtpm(swtpm.host(), swtpm.port(), () -> {}, Optional.empty());
    }

    static Tpm openVirtual(TpmSpec.Virtual virtual) {
        var daemon = VirtualTpm.status(virtual.directory());
        boolean tpm12 = VirtualTpm.family(virtual.directory()).equals(TpmInfo.FAMILY_1_2);
        if (daemon.isPresent()) {
            return openSwtpm(VirtualTpm.HOST, daemon.get().port(), () -> {}, Optional.of(tpm12));
        }
        VirtualTpm foreground = VirtualTpm.startForeground(virtual.directory());
        try {
            return openSwtpm(VirtualTpm.HOST, foreground.port(), foreground::close, Optional.of(tpm12));
        } catch (RuntimeException e) {
            foreground.close();
            throw e;
        }
    }

    static Tpm openDevice(TpmSpec.Device device) {
        Transport transport = DeviceTransport.open(device.path());
        boolean tpm12 = Tpm12Probe.kernelSaysTpm12(device.path()).orElseGet(() -> Tpm12Probe.answersAsTpm12(transport));
        return tpm12 ? new Tpm12(transport, Optional.empty(), () -> {}) : new TssTpm(transport, () -> {});
    }

    private static Tpm openSwtpm(String host, int port, Runnable onClose, Optional<Boolean> knownTpm12) {
        SwtpmTransport transport = SwtpmTransport.connect(host, port);
        try {
            boolean tpm12 = knownTpm12.orElseGet(() -> Tpm12Probe.answersAsTpm12(transport));
            return tpm12
                    ? new Tpm12(transport, Optional.of(new SwtpmControl(host, port + 1)), onClose)
                    : new TssTpm(transport, onClose);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }
}
