package dev.custody.tpm.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A Linux TPM character device, normally the kernel resource manager {@code /dev/tpmrm0}.
 *
 * <p>The kernel driver answers a read with the whole response once the TPM has finished, so a
 * plain blocking read is both correct and as fast as the TPM; polling with sleeps (as TSS.Java's
 * device class does) only adds latency.
 */
public final class DeviceTransport implements Transport {
    private final Path path;
    private final FileChannel channel;

    private DeviceTransport(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    public static DeviceTransport open(Path path) {
        if (!Files.exists(path)) {
            throw new TransportException("no TPM device at " + path
                    + "; to use a virtual TPM instead, pass --tpm vtpm:DIR (or set CUSTODY_TPM=vtpm:DIR)");
        }
        try {
            return new DeviceTransport(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (AccessDeniedException e) {
            throw new TransportException("permission denied opening " + path
                    + "; run as root or join the group that owns it (usually 'tss')", e);
        } catch (NoSuchFileException e) {
            throw new TransportException("no TPM device at " + path, e);
        } catch (IOException e) {
            throw new TransportException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] transmit(byte[] command) {
        try {
            ByteBuffer out = ByteBuffer.wrap(command);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer in = ByteBuffer.allocate(ResponseFrame.MAX_SIZE);
            while (in.position() < ResponseFrame.HEADER_SIZE || in.position() < declared(in)) {
                if (channel.read(in) < 0) {
                    throw new TransportException(path + " closed in the middle of a response");
                }
            }
            return Arrays.copyOf(in.array(), declared(in));
        } catch (IOException e) {
            throw new TransportException("I/O error talking to " + path + ": " + e.getMessage(), e);
        }
    }

    private int declared(ByteBuffer in) {
        return in.position() < ResponseFrame.HEADER_SIZE
                ? ResponseFrame.HEADER_SIZE
                : ResponseFrame.declaredSize(in.array(), path.toString());
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a character device cannot lose data; nothing to report.
        }
    }
}
