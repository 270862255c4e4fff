package dev.custody.tpm.transport;

/** The 10-byte header every TPM 2.0 response starts with: tag, total size, response code. */
final class ResponseFrame {
    static final int HEADER_SIZE = 10;
    /** Larger than any TPM 2.0 response (TPM2_PT_MAX_RESPONSE_SIZE is 4096 on all known TPMs). */
    static final int MAX_SIZE = 64 * 1024;

    private ResponseFrame() {}

    /** Reads the total size from a response header, rejecting sizes no TPM would send. */
    static int declaredSize(byte[] header, String source) {
        int size = ((header[2] & 0xff) << 24) | ((header[3] & 0xff) << 16)
                | ((header[4] & 0xff) << 8) | (header[5] & 0xff);
        if (size < HEADER_SIZE || size > MAX_SIZE) {
            throw new TransportException(source + " sent a malformed response (declared size " + size + ")");
        }
        return size;
    }
}
