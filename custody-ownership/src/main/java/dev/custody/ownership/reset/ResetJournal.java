package dev.custody.ownership.reset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.AtomicFiles;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record of a reset in progress (0600, rewritten atomically after every step): the answers,
 * the new secrets, and the steps done. It is written before the first change, so that a reset
 * stopped anywhere (a bug, kill -9, a power cut) can be finished with {@code own reset --resume}
 * without any new secret being lost, and it is deleted when the reset completes.
 */
final class ResetJournal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    /** The steps of a reset that change the machine, in the order they run. */
    enum Step {
        TPM("TPM reset"),
        OWNER_KEY("Owner's OpenPGP key"),
        FIRMWARE("Firmware"),
        TOTP("TOTP/HOTP secret"),
        DISK("Disk unlock key"),
        BOOT("/boot"),
        REFERENCE("Reference measurements");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        String title() {
            return title;
        }

        /** 1 for the first step, as the crash hook and the messages count. */
        int number() {
            return ordinal() + 1;
        }
    }

    private final Path file;
    private final Instant started;
    private final ObjectNode answers;
    private final OwnerSecrets secrets;
    private final Set<Step> done;
    private final ObjectNode facts;

    private ResetJournal(Path file, Instant started, ObjectNode answers, OwnerSecrets secrets, Set<Step> done, ObjectNode facts) {
        this.file = file;
        this.started = started;
        this.answers = answers;
        this.secrets = secrets;
        this.done = done;
        this.facts = facts;
    }

    static Path fileOf(OwnershipFiles files) {
        return files.directory().resolve("reset-journal.json");
    }

    /** Records a new reset before its first change; the journal keeps its own copy of the secrets. */
    static ResetJournal start(OwnershipFiles files, Answers answers, OwnerSecrets secrets) {
        OwnerSecrets copy = new OwnerSecrets();
        secrets.all().forEach(copy::with);
        ResetJournal journal = new ResetJournal(fileOf(files), Instant.now(), answers.toJson(), copy,
                EnumSet.noneOf(Step.class), JSON.createObjectNode());
        journal.write();
        return journal;
    }

    static Optional<ResetJournal> find(OwnershipFiles files) {
        Path file = fileOf(files);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reset journal " + file, e);
        }
        try {
            return Optional.of(parse(file, JSON.readTree(bytes)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + ": not a reset journal Custody can read (" + e.getMessage()
                    + "); the machine may be half reset: run own reset again from the start");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static ResetJournal parse(Path file, JsonNode root) throws IOException {
        if (root == null || !root.isObject() || root.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("unknown version");
        }
        Set<Step> done = EnumSet.noneOf(Step.class);
        for (JsonNode step : root.path("done")) {
            done.add(Step.valueOf(step.asText()));
        }
        OwnerSecrets secrets = OwnerSecrets.fromJson(JSON.writeValueAsBytes(root.path("secrets")));
        ObjectNode facts = root.path("facts").isObject() ? (ObjectNode) root.get("facts") : JSON.createObjectNode();
        return new ResetJournal(file, Instant.parse(root.path("started").asText()), (ObjectNode) root.get("answers"),
                secrets, done, facts);
    }

    Answers answers() {
        return Answers.of(answers);
    }

    /** The new secrets recorded at the start; the caller closes the copy it gets. */
    OwnerSecrets secrets() {
        OwnerSecrets copy = new OwnerSecrets();
        secrets.all().forEach(copy::with);
        return copy;
    }

    boolean isDone(Step step) {
        return done.contains(step);
    }

    Optional<String> fact(String name) {
        return Optional.ofNullable(facts.get(name)).map(JsonNode::asText);
    }

    void markDone(Step step, Map<String, String> newFacts) {
        done.add(step);
        newFacts.forEach(facts::put);
        write();
    }

    Path file() {
        return file;
    }

    /** One line for messages: when it started and what it did. */
    String describe() {
        List<String> names = new ArrayList<>();
        for (Step step : Step.values()) {
            if (done.contains(step)) {
                names.add(step.number() + " " + step.title());
            }
        }
        Optional<Step> next = Arrays.stream(Step.values()).filter(s -> !done.contains(s)).findFirst();
        return "started " + started + ", steps done: " + (names.isEmpty() ? "none" : String.join(", ", names))
                + next.map(s -> "; next: " + s.number() + " " + s.title()).orElse("; all steps done, wrap-up left");
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the reset journal " + file, e);
        }
        secrets.close();
    }

    private void write() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("started", started.toString());
        ArrayNode steps = root.putArray("done");
        done.forEach(step -> steps.add(step.name()));
        root.set("facts", facts);
        root.set("answers", answers);
        byte[] secretJson = secrets.toJson();
        try {
            root.set("secrets", JSON.readTree(secretJson));
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            try {
                AtomicFiles.writePrivate(file, bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reset journal " + file, e);
        } finally {
            Arrays.fill(secretJson, (byte) 0);
        }
    }
}
