package dev.custody.firmware.predict;

import dev.custody.firmware.Sha256;

/**
 * One measurement the firmware will make: shaped like an event-log entry so that an event-log
 * replayer can consume it.
 *
 * @param description the event data as coreboot or Heads logs it, e.g. {@code CBFS: fallback/romstage}
 * @param cbfsName    the CBFS file it measures
 * @param sha256      the digest extended into the PCR
 */
public record PredictedEvent(int pcr, String description, String cbfsName, byte[] sha256) {
    public String sha256Hex() {
        return Sha256.hex(sha256);
    }
}
