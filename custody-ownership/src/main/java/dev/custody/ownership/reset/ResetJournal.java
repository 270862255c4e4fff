package dev.custody.ownership.reset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.custody.common.AtomicFiles;
import dev.custody.common.StrictJson;
import dev.custody.common.TerminalText;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
    private static final ObjectWriter WRITER = new ObjectMapper().writer();
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
                EnumSet.noneOf(Step.class), JsonNodeFactory.instance.objectNode());
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
            return Optional.of(parse(file, bytes));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": not a reset journal Custody can read (" + e.getMessage()
                    + "); the machine may be half reset: move the file away and run own reset again from the start");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Every field checked now, the answers as strictly as an answers file, so that a damaged
     * journal is refused before the reset resumes rather than half-way through it.
     */
    private static ResetJournal parse(Path file, byte[] bytes) {
        JsonNode root = json(bytes);
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw new IllegalArgumentException("version: must be " + VERSION + ", not "
                    + (version == null ? "missing" : abbreviated(version)));
        }
        ObjectNode answers = object(root, "answers");
        try (Answers checked = Answers.of(answers)) {
            // Only checked here; the resumed reset reads them again with answers().
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("answers: " + e.getMessage(), e);
        }
        Instant started = started(root);
        Set<Step> done = done(root);
        ObjectNode facts = facts(root);
        // The secrets last: nothing after them may fail and leave their copy unclosed.
        return new ResetJournal(file, started, answers, secrets(root), done, facts);
    }

    private static JsonNode json(byte[] bytes) {
        JsonNode root;
        try {
            root = StrictJson.reader().readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("not valid JSON" + (at == null ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return root;
    }

    private static ObjectNode object(JsonNode root, String field) {
        if (!(root.get(field) instanceof ObjectNode node)) {
            throw new IllegalArgumentException(field + ": missing, or not a JSON object");
        }
        return node;
    }

    private static Instant started(JsonNode root) {
        JsonNode started = root.get("started");
        try {
            return Instant.parse(started == null || !started.isTextual() ? "" : started.textValue());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("started: must be a time such as 2026-12-06T21:00:00Z");
        }
    }

    private static Set<Step> done(JsonNode root) {
        JsonNode steps = root.get("done");
        if (steps == null || !steps.isArray()) {
            throw new IllegalArgumentException("done: missing, or not a list of steps");
        }
        Set<Step> done = EnumSet.noneOf(Step.class);
        for (JsonNode step : steps) {
            done.add(Arrays.stream(Step.values()).filter(s -> step.isTextual() && s.name().equals(step.textValue()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("done: " + abbreviated(step)
                            + " is not a step (" + Arrays.toString(Step.values()) + ")")));
        }
        return done;
    }

    private static ObjectNode facts(JsonNode root) {
        ObjectNode facts = object(root, "facts");
        facts.properties().forEach(fact -> {
            if (!fact.getValue().isTextual()) {
                throw new IllegalArgumentException("facts: " + abbreviated(TextNode.valueOf(fact.getKey()))
                        + " is not a string");
            }
        });
        return facts;
    }

    private static OwnerSecrets secrets(JsonNode root) {
        byte[] json;
        try {
            json = WRITER.writeValueAsBytes(object(root, "secrets"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("secrets: cannot be read back");
        }
        try {
            return OwnerSecrets.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secrets: " + e.getMessage(), e);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    /**
     * A value from the journal for a message: as JSON, short, and with what JSON leaves raw (DEL and
     * the C1 controls, a bidi override) escaped too, so that the message stays one plain line.
     */
    private static String abbreviated(JsonNode value) {
        String json = value.toString();
        return TerminalText.escape(json.length() <= 40 ? json : json.substring(0, 40) + "...");
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
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", VERSION);
        root.put("started", started.toString());
        ArrayNode steps = root.putArray("done");
        done.forEach(step -> steps.add(step.name()));
        root.set("facts", facts);
        root.set("answers", answers);
        byte[] secretJson = secrets.toJson();
        try {
            root.set("secrets", StrictJson.reader().readTree(secretJson));
            byte[] bytes = WRITER.withDefaultPrettyPrinter().writeValueAsBytes(root);
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
