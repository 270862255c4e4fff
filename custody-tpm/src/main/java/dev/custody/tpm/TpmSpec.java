package dev.custody.tpm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which TPM to use, as written on the command line ({@code --tpm}) or in {@code CUSTODY_TPM}:
 * {@code device:PATH}, {@code swtpm:HOST:PORT} or {@code vtpm:DIR}.
 */
public sealed interface TpmSpec {
    Path DEFAULT_DEVICE = Path.of("/dev/tpmrm0");
    /** A TPM 1.2 has no kernel resource manager, only the raw device. */
    Path TPM12_DEVICE = Path.of("/dev/tpm0");
    String ENVIRONMENT_VARIABLE = "CUSTODY_TPM";

    /** Connects to this TPM. */
    Tpm open();

    /** A kernel TPM character device. */
    record Device(Path path) implements TpmSpec {
        @Override
        public Tpm open() {
            return Tpms.openDevice(this);
        }
    }

    /** An swtpm someone else started; its control port is {@code port + 1}. */
    record Swtpm(String host, int port) implements TpmSpec {
        @Override
        public Tpm open() {
            return Tpms.openSwtpm(this);
        }
    }

    /** A virtual TPM whose swtpm Custody runs itself, with its state in {@code directory}. */
    record Virtual(Path directory) implements TpmSpec {
        @Override
        public Tpm open() {
            return Tpms.openVirtual(this);
        }
    }

    static TpmSpec parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        return switch (kind) {
            case "device" -> new Device(Path.of(requireValue(rest, text)));
            case "vtpm" -> new Virtual(Path.of(requireValue(rest, text)));
            case "swtpm" -> parseSwtpm(rest, text);
            default -> throw new IllegalArgumentException("unknown TPM '" + text
                    + "'; use device:PATH, swtpm:HOST:PORT or vtpm:DIR");
        };
    }

    private static TpmSpec parseSwtpm(String rest, String text) {
        int colon = rest.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + text + "' needs a host and a port, e.g. swtpm:127.0.0.1:2321");
        }
        try {
            int port = Integer.parseInt(rest.substring(colon + 1));
            if (port < 1 || port > 65534) {
                throw new NumberFormatException();
            }
            return new Swtpm(rest.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid port number");
        }
    }

    private static String requireValue(String value, String text) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("'" + text + "' needs a path after the colon");
        }
        return value;
    }

    /**
     * The TPM to use when none was given: {@code CUSTODY_TPM} if set, else /dev/tpmrm0 if this
     * machine has one, else /dev/tpm0 (a TPM 1.2), else an error that explains how to use a virtual TPM.
     */
    static TpmSpec resolve(String commandLine) {
        if (commandLine != null && !commandLine.isBlank()) {
            return parse(commandLine);
        }
        String environment = System.getenv(ENVIRONMENT_VARIABLE);
        if (environment != null && !environment.isBlank()) {
            return parse(environment);
        }
        if (Files.exists(DEFAULT_DEVICE)) {
            return new Device(DEFAULT_DEVICE);
        }
        if (Files.exists(TPM12_DEVICE)) {
            return new Device(TPM12_DEVICE);
        }
        throw new TpmException("this machine has no TPM at " + DEFAULT_DEVICE
                + "; to use a virtual TPM, pass --tpm vtpm:DIR or set CUSTODY_TPM=vtpm:DIR");
    }
}
