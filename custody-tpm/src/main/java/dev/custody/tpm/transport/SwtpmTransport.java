package dev.custody.tpm.transport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * swtpm's TCP server: raw TPM command bytes on the server port, power signals on the control
 * port, which by the convention swtpm's own tools share is the next port up.
 *
 * <p>swtpm serves one connection at a time, so this transport must be closed before another
 * client (tpm2-tools, say) can talk to the same swtpm.
 */
public final class SwtpmTransport implements Transport, PowerControl {
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    /** Far longer than any command takes on swtpm; a hung swtpm becomes an error, not a hang. */
    private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** TPM2_Shutdown(TPM_SU_CLEAR) and TPM2_Startup(TPM_SU_CLEAR), fixed byte strings. */
    private static final byte[] SHUTDOWN_CLEAR = hex("80010000000c0000014500 00");
    private static final byte[] STARTUP_CLEAR = hex("80010000000c0000014400 00");
    private static final int RC_INITIALIZE = 0x100;

    private final String host;
    private final int port;
    private final SwtpmControl control;
    private final Duration readTimeout;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    private SwtpmTransport(String host, int port, Duration readTimeout) {
        this.host = host;
        this.port = port;
        this.control = new SwtpmControl(host, port + 1);
        this.readTimeout = readTimeout;
    }

    public static SwtpmTransport connect(String host, int port) {
        return connect(host, port, DEFAULT_READ_TIMEOUT);
    }

    /**
     * swtpm serves one client at a time; a second client waits until the first disconnects, so
     * callers that may find swtpm busy (a shutdown hook, say) pass a short timeout.
     */
    public static SwtpmTransport connect(String host, int port, Duration readTimeout) {
        SwtpmTransport transport = new SwtpmTransport(host, port, readTimeout);
        transport.open();
        return transport;
    }

    private void open() {
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new TransportException("cannot reach swtpm at " + host + ":" + port + ": " + e.getMessage()
                    + "; start one with 'custody tpm vtpm start DIR' or use --tpm vtpm:DIR", e);
        }
    }

    @Override
    public byte[] transmit(byte[] command) {
        try {
            out.write(command);
            out.flush();
            byte[] header = new byte[ResponseFrame.HEADER_SIZE];
            in.readFully(header);
            byte[] response = new byte[ResponseFrame.declaredSize(header, describe())];
            System.arraycopy(header, 0, response, 0, header.length);
            in.readFully(response, header.length, response.length - header.length);
            return response;
        } catch (IOException e) {
            throw new TransportException("lost the connection to " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void powerCycle() {
        transmit(SHUTDOWN_CLEAR);
        // swtpm re-initialises the TPM library on CMD_INIT; the data connection stays usable.
        control.init();
        byte[] response = transmit(STARTUP_CLEAR);
        int rc = ((response[6] & 0xff) << 24) | ((response[7] & 0xff) << 16) | ((response[8] & 0xff) << 8)
                | (response[9] & 0xff);
        if (rc != 0 && rc != RC_INITIALIZE) {
            throw new TransportException(String.format("%s refused TPM2_Startup after power-on (0x%x)", describe(), rc));
        }
    }

    @Override
    public String describe() {
        return "swtpm " + host + ":" + port;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // The peer may already have gone; there is nothing left to flush.
        }
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
    }
}
