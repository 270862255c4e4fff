package dev.custody.tpm.transport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * swtpm's control channel (the {@code --ctrl} port): a 4-byte big-endian command code and its
 * parameters, answered by a 4-byte result code. These are the swtpm "ioctl" commands that
 * {@code swtpm_ioctl} sends; a TPM that only speaks this is how software TPMs get power signals.
 */
public final class SwtpmControl {
    private static final int CMD_GET_CAPABILITY = 1;
    private static final int CMD_INIT = 2;
    private static final int CMD_SHUTDOWN = 3;
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private final String host;
    private final int port;

    public SwtpmControl(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** True when swtpm answers on its control port. */
    public boolean answers() {
        try (Socket socket = connect()) {
            new DataOutputStream(socket.getOutputStream()).writeInt(CMD_GET_CAPABILITY);
            new DataInputStream(socket.getInputStream()).readLong();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The "hardware initialisation" signal: the TPM resets as at power-on; NV state is kept. */
    public void init() {
        call(CMD_INIT, 0, "power on (CMD_INIT)");
    }

    /** Asks swtpm to shut down and exit, having written its state. */
    public void shutdown() {
        call(CMD_SHUTDOWN, null, "shutdown (CMD_SHUTDOWN)");
    }

    private void call(int command, Integer argument, String what) {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(command);
            if (argument != null) {
                out.writeInt(argument);
            }
            out.flush();
            int result = new DataInputStream(socket.getInputStream()).readInt();
            if (result != 0) {
                throw new TransportException(String.format(
                        "swtpm control port %s:%d refused %s (result 0x%x)", host, port, what, result));
            }
        } catch (IOException e) {
            throw new TransportException(String.format(
                    "cannot reach swtpm's control port %s:%d for %s: %s", host, port, what, e.getMessage()), e);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        return socket;
    }
}
