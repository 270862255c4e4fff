package dev.custody.eventlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Compares two logs, e.g. the last known-good boot against this one: which PCRs differ, and for
 * each, which events changed, appeared or disappeared, in human terms.
 */
public final class LogDiff {
    /** Stronger banks first: a difference is judged on the best bank both logs carry. */
    private static final List<HashAlgorithm> PREFERENCE = List.of(HashAlgorithm.SHA256, HashAlgorithm.SHA384,
            HashAlgorithm.SHA512, HashAlgorithm.SM3_256, HashAlgorithm.SHA1);

    private LogDiff() {}

    public enum Kind { CHANGED, ADDED, REMOVED }

    public record Change(Kind kind, Optional<Event> before, Optional<Event> after, String description) {}

    public record PcrDiff(int pcr, Optional<Bytes> before, Optional<Bytes> after, List<Change> changes) {
        public PcrDiff {
            changes = List.copyOf(changes);
        }
    }

    public record Result(HashAlgorithm bank, List<PcrDiff> pcrs) {
        public Result {
            pcrs = List.copyOf(pcrs);
        }

        public boolean identical() {
            return pcrs.isEmpty();
        }
    }

    public static Result diff(EventLog before, EventLog after) {
        Replay old = Replayer.replay(before);
        Replay now = Replayer.replay(after);
        HashAlgorithm bank = PREFERENCE.stream()
                .filter(b -> old.pcrs().containsKey(b) && now.pcrs().containsKey(b)).findFirst()
                .orElseThrow(() -> new MalformedLogException("the two logs share no PCR bank ("
                        + names(old.pcrs().keySet()) + " versus " + names(now.pcrs().keySet()) + ")"));
        SortedSet<Integer> pcrs = new TreeSet<>(old.bank(bank).keySet());
        pcrs.addAll(now.bank(bank).keySet());
        List<PcrDiff> diffs = new ArrayList<>();
        for (int pcr : pcrs) {
            Optional<Bytes> was = Optional.ofNullable(old.bank(bank).get(pcr));
            Optional<Bytes> is = Optional.ofNullable(now.bank(bank).get(pcr));
            if (!was.equals(is)) {
                diffs.add(new PcrDiff(pcr, was, is, changes(before, after, bank, pcr)));
            }
        }
        return new Result(bank, diffs);
    }

    private static String names(Set<HashAlgorithm> banks) {
        return banks.isEmpty() ? "none" : String.join(", ", banks.stream().map(HashAlgorithm::bankName).toList());
    }

    /** One measurement as the diff sees it: what it is about and what was measured. */
    private record Item(Event event, String subject, String description, Optional<Bytes> digest) {
        boolean sameMeasurement(Item other) {
            return subject.equals(other.subject) && digest.equals(other.digest);
        }
    }

    private static List<Change> changes(EventLog before, EventLog after, HashAlgorithm bank, int pcr) {
        List<Item> old = items(before, bank, pcr);
        List<Item> now = items(after, bank, pcr);
        int[][] common = longestCommon(old, now);
        List<Change> changes = new ArrayList<>();
        List<Item> removed = new ArrayList<>();
        List<Item> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < old.size() || j < now.size()) {
            if (i < old.size() && j < now.size() && old.get(i).sameMeasurement(now.get(j))) {
                flush(removed, added, changes);
                i++;
                j++;
            } else if (j < now.size() && (i == old.size() || common[i][j + 1] >= common[i + 1][j])) {
                added.add(now.get(j++));
            } else {
                removed.add(old.get(i++));
            }
        }
        flush(removed, added, changes);
        return changes;
    }

    /** Pairs removed and added events about the same subject into "changed"; the rest stay as they are. */
    private static void flush(List<Item> removed, List<Item> added, List<Change> changes) {
        for (Item gone : removed) {
            Optional<Item> replacement = added.stream().filter(a -> a.subject().equals(gone.subject())).findFirst();
            if (replacement.isPresent()) {
                added.remove(replacement.get());
                changes.add(new Change(Kind.CHANGED, Optional.of(gone.event()), Optional.of(replacement.get().event()),
                        gone.subject() + " changed"));
            } else {
                changes.add(new Change(Kind.REMOVED, Optional.of(gone.event()), Optional.empty(), gone.description() + " removed"));
            }
        }
        for (Item fresh : added) {
            changes.add(new Change(Kind.ADDED, Optional.empty(), Optional.of(fresh.event()), fresh.description() + " added"));
        }
        removed.clear();
        added.clear();
    }

    private static List<Item> items(EventLog log, HashAlgorithm bank, int pcr) {
        return log.events().stream().filter(e -> e.extendsPcr() && e.pcr() == pcr).map(e -> {
            EventContent content = EventDecoder.decode(e, log.format());
            return new Item(e, content.subject(), content.describe(), e.digest(bank));
        }).toList();
    }

    /** common[i][j]: length of the longest common run of measurements of old[i..] and now[j..]. */
    private static int[][] longestCommon(List<Item> old, List<Item> now) {
        int[][] common = new int[old.size() + 1][now.size() + 1];
        for (int i = old.size() - 1; i >= 0; i--) {
            for (int j = now.size() - 1; j >= 0; j--) {
                common[i][j] = old.get(i).sameMeasurement(now.get(j))
                        ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        return common;
    }
}
