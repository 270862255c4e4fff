package dev.custody.server.agent;

import dev.custody.common.TerminalText;
import dev.custody.machine.LabMachine;
import dev.custody.ownership.handoff.Bundle;
import dev.custody.ownership.handoff.TrustAnchor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The admin's requests to a server: references and the fleet's status. */
public final class FleetAdmin {
    private final ServerClient client;

    public FleetAdmin(String server, String fingerprint, String token) {
        this.client = new ServerClient(server, fingerprint, Optional.of(token));
    }

    /** Where a reference comes from. */
    public sealed interface Source {
        /** A hand-off bundle; without an anchor its own provisioner.asc checks the signature, and the signer is reported. */
        record Handoff(Path bundle, Optional<TrustAnchor> anchor) implements Source {}

        /** A lab machine's current log, or an enrolled machine's last attested boot. */
        record GoldenMachine(String machine) implements Source {}

        record ApproveCurrent() implements Source {}
    }

    /** What the server now holds as the machine's reference. */
    public record ReferenceSet(String description, List<String> pcrs) {
        public ReferenceSet {
            pcrs = List.copyOf(pcrs);
        }
    }

    public ReferenceSet setReference(String name, Source source) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (source) {
            case Source.Handoff handoff -> {
                Bundle bundle = Bundle.open(handoff.bundle());
                TrustAnchor anchor = handoff.anchor().orElse(new TrustAnchor.KeyFile(bundle.files().provisionerKey()));
                var manifest = switch (bundle.verify(anchor)) {
                    case Bundle.Signature.Rejected rejected -> throw new IllegalArgumentException(
                            "the hand-off bundle is not trustworthy: " + rejected.reason());
                    case Bundle.Signature.Trusted trusted -> {
                        body.put("description", "hand-off bundle " + trusted.manifest().bundleId() + " signed by "
                                + trusted.fingerprint() + (handoff.anchor().isEmpty() ? " (the key shipped in the bundle)" : ""));
                        yield trusted.manifest();
                    }
                };
                body.put("source", "handoff");
                body.put("endorsementKeySha256", manifest.reference().endorsementKeySha256());
                Map<String, String> pcrs = new LinkedHashMap<>();
                manifest.reference().expectedPcrs().forEach((pcr, value) -> pcrs.put(Integer.toString(pcr), value));
                body.put("pcrs", pcrs);
            }
            case Source.GoldenMachine golden when java.nio.file.Files.isDirectory(Path.of(golden.machine())) -> {
                LabMachine lab = LabMachine.existing(Path.of(golden.machine()));
                body.put("source", "log");
                body.put("log", Agent.b64(lab.measurementLog().orElseThrow(() -> new IllegalStateException(
                        lab.directory() + " has no measurement log; power it on first"))));
                // the server takes one printable line; a folder's name may be anything
                body.put("description", "the measurement log of golden machine "
                        + TerminalText.escape(lab.directory().getFileName().toString()));
            }
            case Source.GoldenMachine golden -> {
                body.put("source", "machine");
                body.put("machine", golden.machine());
            }
            case Source.ApproveCurrent approve -> body.put("source", "current");
        }
        return ServerAnswers.referenceSet(client.put("/api/v1/machines/" + encode(name) + "/reference", body));
    }

    public FleetStatus fleetStatus() {
        return FleetStatus.of(client.get("/api/v1/machines"));
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
