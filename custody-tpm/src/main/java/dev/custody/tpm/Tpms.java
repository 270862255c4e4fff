package dev.custody.tpm;

import dev.custody.tpm.transport.DeviceTransport;
import dev.custody.tpm.transport.SwtpmTransport;
import dev.custody.tpm.transport.Transport;
import dev.custody.tpm.tss.TssTpm;

/** Opens the TPM a {@link TpmSpec} names. */
public final class Tpms {
    private Tpms() {}

    public static Tpm open(TpmSpec spec) {
        return switch (spec) {
            case TpmSpec.Device device -> new TssTpm(DeviceTransport.open(device.path()), () -> {});
            case TpmSpec.Swtpm swtpm -> new TssTpm(SwtpmTransport.connect(swtpm.host(), swtpm.port()), () -> {});
            case TpmSpec.Virtual virtual -> openVirtual(virtual);
        };
    }

    /** Uses the folder's background swtpm if one runs; otherwise runs one for as long as the TPM is open. */
    private static Tpm openVirtual(TpmSpec.Virtual virtual) {
        var daemon = VirtualTpm.status(virtual.directory());
        if (daemon.isPresent()) {
            return new TssTpm(SwtpmTransport.connect(VirtualTpm.HOST, daemon.get().port()), () -> {});
        }
        VirtualTpm foreground = VirtualTpm.startForeground(virtual.directory());
        try {
            Transport transport = foreground.connect();
            return new TssTpm(transport, foreground::close);
        } catch (RuntimeException e) {
            foreground.close();
            throw e;
        }
    }
}
