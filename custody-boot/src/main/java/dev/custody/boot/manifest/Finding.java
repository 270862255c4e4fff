package dev.custody.boot.manifest;

/** One reason /boot does not verify, naming the file at fault. */
public sealed interface Finding {
    String file();

    String reason();

    /** The finding's name in JSON reports. */
    default String kind() {
        return switch (this) {
            case Changed c -> "changed";
            case Added a -> "added";
            case Removed r -> "removed";
            case BadSignature s -> "signature";
            case BadManifest m -> "manifest";
            case Rollback r -> "rollback";
            case DefaultEntryChanged d -> "default-entry";
            case DefaultFileChanged d -> "default-file";
            case NotReadable n -> "not-regular";
            case UnsignedKexec u -> "unsigned-kexec";
            case StaleStaging s -> "stale-staging";
            case EntryRefused r -> "entry-refused";
        };
    }

    record Changed(String file) implements Finding {
        public String reason() {
            return "changed since signing (SHA-256 differs from kexec_hashes.txt)";
        }
    }

    record Added(String file) implements Finding {
        public String reason() {
            return "added since signing (not in the signed file list)";
        }
    }

    record Removed(String file) implements Finding {
        public String reason() {
            return "removed since signing";
        }
    }

    record BadSignature(String reason) implements Finding {
        public String file() {
            return "kexec.sig";
        }
    }

    record BadManifest(String file, String reason) implements Finding {}

    record Rollback(String reason) implements Finding {
        public String file() {
            return "kexec_rollback.txt";
        }
    }

    record DefaultEntryChanged(String file, String reason) implements Finding {}

    record DefaultFileChanged(String file) implements Finding {
        public String reason() {
            return "differs from kexec_default_hashes.txt (the default boot entry's files)";
        }
    }

    /** A signed name that is now a link, folder, FIFO, device or socket, or cannot be read. */
    record NotReadable(String file, String reason) implements Finding {}

    /** A top-level kexec* name that is not a file Heads or Custody writes: content no signature covers. */
    record UnsignedKexec(String file, String reason) implements Finding {}

    record StaleStaging(String file) implements Finding {
        public String reason() {
            return "left by an interrupted boot sign; it is never read, and the next boot sign removes it";
        }
    }

    /** A boot config that was not read for entries, or a file an entry would load that is refused. */
    record EntryRefused(String file, String reason) implements Finding {}
}
